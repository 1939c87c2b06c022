package workfront

import (
	"context"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// Identity is who a session belongs to and what the instance offers: what
// the connection panel's "who am I" and `wfconnect whoami` show.
type Identity struct {
	UserID      string
	Name        string // "" when Workfront did not say
	Email       string
	Admin       bool     // the user is a system administrator; see AdminKnown
	AdminKnown  bool     // Workfront said whether the user is an administrator
	CurrentAPI  string   // the instance's newest API version, e.g. "v22.0"; "" when unknown
	APIVersions []string // the versions it offers, oldest first; nil when unknown
	// RoundTrip is how long GET /session took, there and back.
	RoundTrip time.Duration
}

// sessionAnswer reads /session defensively: only data.userID is
// documented, so everything else is looked for, never required.
type sessionAnswer struct {
	Data  map[string]json.RawMessage `json:"data"`
	Error *wireError                 `json:"error"`
}

func (a *sessionAnswer) apiError() *wireError { return a.Error }

type userAnswer struct {
	Data struct {
		ID        string `json:"ID"`
		Name      string `json:"name"`
		EmailAddr string `json:"emailAddr"`
	} `json:"data"`
	Error *wireError `json:"error"`
}

func (a *userAnswer) apiError() *wireError { return a.Error }

// str reads a string field, or "" when it is missing or not a string.
func str(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// apiVersionOf reads a version given as a string ("v22.0", as the older
// samples send it) or a number (22 or 22.0, as Adobe's OpenAPI description
// types it) into the path form "v22.0"; "" when it is neither.
func apiVersionOf(raw json.RawMessage) string {
	var n float64
	if s := strings.TrimSpace(str(raw)); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if strings.HasPrefix(s, "v") || err != nil {
			return s
		}
		n = f // "22.0" without its v
	} else if json.Unmarshal(raw, &n) != nil {
		return ""
	}
	if n <= 0 {
		return ""
	}
	if n == float64(int(n)) {
		return "v" + strconv.Itoa(int(n)) + ".0"
	}
	return "v" + strconv.FormatFloat(n, 'f', -1, 64)
}

// versionsOf reads apiVersions, an object keyed by version (as documented)
// or a list of versions.
func versionsOf(raw json.RawMessage) []string {
	var out []string
	var byName map[string]any
	var list []any
	switch {
	case json.Unmarshal(raw, &byName) == nil:
		for v := range byName {
			out = append(out, v)
		}
	case json.Unmarshal(raw, &list) == nil:
		for _, v := range list {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, okA := VersionNumber(out[i])
		b, okB := VersionNumber(out[j])
		if okA && okB {
			return a < b
		}
		return out[i] < out[j]
	})
	return out
}

// WhoAmI asks Workfront who the session is: GET /session for the user's
// ID, the API versions and (when present) whether the user is an
// administrator, then GET /user/<ID> for the name and email. Only the user
// ID is required; the fields beyond it are not documented, so what is
// missing stays empty.
func (c *Client) WhoAmI(ctx context.Context) (Identity, error) {
	var s sessionAnswer
	start := time.Now()
	if err := c.get(ctx, "/session", nil, &s); err != nil {
		return Identity{}, err
	}
	id := Identity{UserID: str(s.Data["userID"]), RoundTrip: time.Since(start)}
	if id.UserID == "" {
		return id, msg.New("Workfront's session answer named no user.")
	}
	for _, key := range []string{"isAdmin", "admin"} {
		var b bool
		if raw, ok := s.Data[key]; ok && json.Unmarshal(raw, &b) == nil {
			id.Admin, id.AdminKnown = b, true
			break
		}
	}
	// Each field on its own: currentAPI is a number in Adobe's OpenAPI
	// description and a string in the older samples, and a surprise in one
	// must not lose the other.
	var versions map[string]json.RawMessage
	if raw, ok := s.Data["versionInformation"]; ok && json.Unmarshal(raw, &versions) == nil {
		id.CurrentAPI = apiVersionOf(versions["currentAPI"])
		id.APIVersions = versionsOf(versions["apiVersions"])
	}
	var u userAnswer
	if err := c.get(ctx, "/user/"+url.PathEscape(id.UserID), []param{{"fields", "name,emailAddr"}}, &u); err != nil {
		return id, err
	}
	id.Name, id.Email = u.Data.Name, u.Data.EmailAddr
	return id, nil
}

type logoutAnswer struct {
	Data  json.RawMessage `json:"data"`
	Error *wireError      `json:"error"`
}

func (a *logoutAnswer) apiError() *wireError { return a.Error }

// Ended reports whether Workfront no longer takes token (GET /session with
// it, neither renewed nor retried): whether /logout ends an IMS token is not
// documented, so after Logout a caller can ask.
func (c *Client) Ended(ctx context.Context, token string) (bool, error) {
	h, err := c.header(token)
	if err != nil {
		return false, err
	}
	var out logoutAnswer
	err = c.withRetries(ctx, call{path: "/session"}, h, &out)
	if IsUnauthenticated(err) {
		return true, nil
	}
	return false, err
}

// Logout ends the session token belongs to at Workfront (GET /logout with
// the token's header). It neither renews nor retries a refused token: a
// session Workfront already ended is what Logout wants, so an
// unauthenticated answer counts as done.
func (c *Client) Logout(ctx context.Context, token string) error {
	h, err := c.header(token)
	if err != nil {
		return err
	}
	var out logoutAnswer
	err = c.withRetries(ctx, call{path: "/logout"}, h, &out)
	if IsUnauthenticated(err) {
		return nil
	}
	return err
}
