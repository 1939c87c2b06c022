package store

import (
	"errors"
	"os"
	"testing"
)

// FuzzProfilesFile: any bytes in profiles.json give profiles (with a
// duplicate-names warning when names repeat), a damaged file kept aside, or
// a newer-schema error; never a panic, and never a lost file.
func FuzzProfilesFile(f *testing.F) {
	for _, s := range []string{`{"schema":1,"profiles":[{"name":"a"}]}`, `{"schema":9}`, `{`, ``, `null`, `{"schema":1,"profiles":{}}`, `[]`, "\xEF\xBB\xBF{\"schema\":1,\"profiles\":[{\"name\":\"a\"}]}", "\xEF\xBB\xBF", "\xEF\xBB", `{"schema":1,"profiles":[{"name":"a"},{"name":"b"},{"name":"A"}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		p := OpenProfiles(t.TempDir())
		if err := os.WriteFile(p.Path(), content, 0o600); err != nil {
			t.Fatal(err)
		}
		list, err := p.Load()
		var de *DamagedError
		var se *SchemaError
		var dn *DuplicateNamesError
		switch {
		case err == nil:
		case errors.As(err, &dn):
			if len(list) < 2 || len(dn.Names) == 0 {
				t.Fatalf("duplicates %v in %d profiles", dn.Names, len(list))
			}
		case errors.As(err, &de):
			kept, rerr := os.ReadFile(de.Backup)
			if rerr != nil || string(kept) != string(content) {
				t.Fatalf("damaged content not kept: %v", rerr)
			}
		case errors.As(err, &se):
			if b, _ := os.ReadFile(p.Path()); string(b) != string(content) {
				t.Fatal("a newer file was changed")
			}
		default:
			t.Fatalf("unexpected %v", err)
		}
	})
}
