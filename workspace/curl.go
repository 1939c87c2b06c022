package workspace

import (
	"fmt"
	"strings"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// CurlCommand is a search of the profile's Workfront as one curl command
// line for a POSIX shell (Explore's Copy as curl). The sign-in comes from
// `wfconnect token` when the line runs, so no token is ever in it; the
// header is the one the connection's kind signs in with (sessionID, or for
// Adobe IMS a bearer token and the organization's header). Everything a
// server or the profiles file controls (field names, filter values, the
// connection's name, the IMS organization) is quoted, so the pasted line
// runs exactly this request and nothing else.
func CurlCommand(p store.Profile, s workfront.Search) (string, error) {
	u, err := workfront.SearchURL(p.Host, p.APIVersion, s)
	if err != nil {
		return "", err
	}
	return "curl " + CurlAuthArgs(p) + " " + singleQuoted(u), nil
}

// CurlAuthArgs are curl's header arguments for the connection's sign-in:
// the token comes from wfconnect token at run time.
func CurlAuthArgs(p store.Profile) string {
	kind := auth.Kind(p.AppType)
	// Inside "$(…)" the shell reads the name afresh: quoted as one word.
	name, value := kind.HeaderFor("", "$(wfconnect token "+msg.ShellQuote(p.Name)+")")
	args := fmt.Sprintf(`-H "%s: %s"`, name, value)
	if kind.Spec().NeedsIMSOrg {
		args += " -H " + singleQuoted(auth.IMSOrgHeader+": "+p.IMSOrg)
	}
	return args
}

// singleQuoted is s in single quotes for a POSIX shell: nothing in it is
// read by the shell, whatever a server or a profiles file put there.
func singleQuoted(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
