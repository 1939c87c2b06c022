package workfront

import (
	"encoding/json"
	"net/http"
	"testing"
)

// FuzzAPIResponse: Workfront's answers (data rows and error bodies) never
// panic the decoder, and an error always has a message for people.
func FuzzAPIResponse(f *testing.F) {
	for _, s := range []string{`{"data":[{"ID":"1","name":"x","percentComplete":"12.5","owner":{"name":"A"},"plannedCompletionDate":"2017-03-24T17:00:00:000+0400"}]}`,
		`{"error":{"class":"com.attask.common.AuthenticationException","message":"You are not currently logged in."}}`,
		`<html>502</html>`, `{"data":{"count":3}}`, `{"count":"x"}`, ``, `{"data":[{"plannedCompletionDate":"24/03/2017"}]}`} {
		f.Add(s, 200)
		f.Add(s, 500)
	}
	f.Fuzz(func(t *testing.T, body string, status int) {
		var page struct {
			Data []wireProject `json:"data"`
		}
		if json.Unmarshal([]byte(body), &page) == nil {
			for i := range page.Data {
				page.Data[i].project()
			}
		}
		e := decodeError(&http.Response{StatusCode: status}, []byte(body))
		if e.Error() == "" {
			t.Fatal("empty message")
		}
		ParseDate(body)
	})
}
