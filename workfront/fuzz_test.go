package workfront

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzAPIResponse: Workfront's answers (data rows, counts and error bodies)
// never panic the decoders, an error always has a message for people, and
// any date ParseDate reads survives FormatDate and back.
func FuzzAPIResponse(f *testing.F) {
	for _, s := range []string{`{"data":[{"ID":"1","name":"x","percentComplete":"12.5","owner":{"name":"A"},"plannedCompletionDate":"2017-03-24T17:00:00:000+0400"}]}`,
		`{"error":{"class":"com.attask.common.AuthenticationException","message":"You are not currently logged in."}}`,
		`<html>502</html>`, `{"data":{"count":3}}`, `{"count":"x"}`, ``, `{"data":[{"plannedCompletionDate":"24/03/2017"}]}`,
		`{"data":[{"plannedStartDate":"2017-03-24T17:00:00.5+04:00","percentComplete":null,"owner":null}]}`,
		`2017-03-24T17:00:00:123-0930`, `2017-03-24`} {
		f.Add(s, 200)
		f.Add(s, 500)
	}
	f.Fuzz(func(t *testing.T, body string, status int) {
		var page objectsAnswer
		if json.Unmarshal([]byte(body), &page) == nil {
			for _, o := range page.Data {
				projectOf(o) // every typed read of every field
				for k := range o {
					o.Text(k)
				}
			}
		}
		var count countAnswer
		json.Unmarshal([]byte(body), &count)
		if e := decodeError(status, []byte(body)); e.Error() == "" {
			t.Fatal("empty message")
		}
		if tm, err := ParseDate(body); err == nil && !tm.IsZero() && tm.Year() >= 0 && tm.Year() <= 9999 {
			back, err := ParseDate(FormatDate(tm))
			if err != nil || !back.Equal(tm.Truncate(time.Millisecond)) {
				t.Fatalf("%q -> %v -> %q -> %v %v", body, tm, FormatDate(tm), back, err)
			}
		}
	})
}
