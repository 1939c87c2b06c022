package wfsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// SignIn goes through the web app's authorization-code flow over HTTP, as
// a person and wfconnect would (consent, then the code exchange), and
// gives the sessionID: for tests and benchmarks in other packages that
// need a signed-in client. redirect must be registered.
func (s *Sim) SignIn(redirect string) (string, error) {
	q := url.Values{"client_id": {s.WebClientID()}, "redirect_uri": {redirect}, "response_type": {"code"}}
	loc, err := Consent(http.DefaultClient, s.URL()+"/integrations/oauth2/authorize?"+q.Encode(), true)
	if err != nil {
		return "", fmt.Errorf("consent: %w", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "", fmt.Errorf("the redirect %q: %w", loc, err)
	}
	v := url.Values{"grant_type": {"authorization_code"}, "code": {u.Query().Get("code")}, "client_id": {s.WebClientID()},
		"client_secret": {s.WebClientSecret()}, "redirect_uri": {redirect}}
	resp, err := http.PostForm(s.URL()+"/integrations/oauth2/api/v1/token", v)
	if err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.AccessToken == "" {
		return "", fmt.Errorf("token: %s: %w", resp.Status, err)
	}
	return body.AccessToken, nil
}
