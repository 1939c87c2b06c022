package auth

import (
	"context"
	"errors"
	"net/http"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/wfconnect/wfconnect/msg"
)

// clientCredentialsRenewal renews an Adobe IMS server-to-server session:
// a new token from Adobe IMS with the client-credentials grant.
type clientCredentialsRenewal struct{}

func (clientCredentialsRenewal) renew(ctx context.Context, s *Source, held *TokenSet) (string, error) {
	return s.renewWithoutPerson(ctx, held, IMSTokenPath+" (client_credentials)", imsToken)
}

// imsToken asks Adobe IMS for a token with the client-credentials grant
// (form: grant_type, client_id, client_secret, scope).
func imsToken(ctx context.Context, cfg Config, client *http.Client, now func() time.Time) (*TokenSet, error) {
	base, err := NormalizeIMSURL(cfg.IMSURL)
	if err != nil {
		return nil, err
	}
	ts, err := tokenCall(ctx, cfg, client, now, func(ctx context.Context, _ *oauth2.Config) (*oauth2.Token, error) {
		cc := &clientcredentials.Config{
			ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
			TokenURL:  base + IMSTokenPath,
			Scopes:    []string{NormalizeScopes(cfg.Scopes)},
			AuthStyle: oauth2.AuthStyleInParams,
		}
		return cc.Token(ctx)
	})
	var te *TokenError
	var re *oauth2.RetrieveError
	if errors.As(err, &te) && te.Status >= 400 && te.Status <= 499 && errors.As(te.Cause, &re) {
		// A refusal IMS explained (any other failure already names IMS).
		said := serverMessage(re.Body)
		if said == "" {
			said = http.StatusText(te.Status)
		}
		te.Msg = msg.New("Adobe IMS at %s refused the token request of %s (%d: %s). Check the client ID, the client secret and the scopes in the Adobe Developer Console, and edit the connection.", base, cfg.Profile, te.Status, said)
	}
	if err != nil {
		return nil, err
	}
	ts.RefreshToken = "" // client credentials: a new token request renews it
	return ts, nil
}
