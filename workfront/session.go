package workfront

import (
	"context"
	"net/url"
	"sort"

	"github.com/wfconnect/wfconnect/msg"
)

// Identity is who a session belongs to and what the instance offers.
type Identity struct {
	UserID      string
	Name        string // "" when Workfront did not say
	Email       string
	CurrentAPI  string   // the instance's newest API version, e.g. "v22.0"; "" when unknown
	APIVersions []string // the versions it offers, sorted; nil when unknown
}

type sessionAnswer struct {
	Data struct {
		UserID             string `json:"userID"`
		VersionInformation *struct {
			CurrentAPI  string         `json:"currentAPI"`
			APIVersions map[string]any `json:"apiVersions"`
		} `json:"versionInformation"`
	} `json:"data"`
	Error *wireError `json:"error"`
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

// WhoAmI asks Workfront who the session is: GET /session for the user's
// ID and the API versions, then GET /user/<ID> for the name and email.
// Only the user ID is required; the fields beyond it are not documented,
// so what is missing stays empty.
func (c *Client) WhoAmI(ctx context.Context) (Identity, error) {
	var s sessionAnswer
	if err := c.get(ctx, "/session", nil, &s); err != nil {
		return Identity{}, err
	}
	id := Identity{UserID: s.Data.UserID}
	if id.UserID == "" {
		return id, msg.New("Workfront's session answer named no user.")
	}
	if v := s.Data.VersionInformation; v != nil {
		id.CurrentAPI = v.CurrentAPI
		for version := range v.APIVersions {
			id.APIVersions = append(id.APIVersions, version)
		}
		sort.Strings(id.APIVersions)
	}
	var u userAnswer
	if err := c.get(ctx, "/user/"+url.PathEscape(id.UserID), []param{{"fields", "name,emailAddr"}}, &u); err != nil {
		return id, err
	}
	id.Name, id.Email = u.Data.Name, u.Data.EmailAddr
	return id, nil
}
