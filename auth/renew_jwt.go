package auth

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/wfconnect/wfconnect/msg"
)

// jwtRenewal renews a Machine to Machine session: a new JWT, signed with
// the connection's key and exchanged at Workfront for a sessionID.
type jwtRenewal struct{}

func (jwtRenewal) renew(ctx context.Context, s *Source, held *TokenSet) (string, error) {
	return s.renewWithoutPerson(ctx, held, JWTExchangePath, exchangeJWT)
}

// exchangeJWT signs a JWT and trades it for a sessionID at Workfront's
// exchange endpoint (form: client_id, client_secret, jwt_token).
func exchangeJWT(ctx context.Context, cfg Config, client *http.Client, now func() time.Time) (*TokenSet, error) {
	if client == nil {
		client = http.DefaultClient
	}
	if now == nil {
		now = time.Now
	}
	signed, err := SignJWT(cfg, now())
	if err != nil {
		return nil, err
	}
	form := url.Values{"client_id": {cfg.ClientID}, "client_secret": {cfg.ClientSecret}, "jwt_token": {signed}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.Host+JWTExchangePath, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	hc := *client
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if hc.Timeout == 0 {
		hc.Timeout = 30 * time.Second
	}
	shaper := &wireShaper{cfg: cfg}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, explainTokenError(err, shaper)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBody+1))
	shaper.status, shaper.reason, shaper.ctype = resp.StatusCode, resp.Status, resp.Header.Get("Content-Type")
	if err != nil {
		shaper.body = bodyCutOff
		return nil, explainTokenError(err, shaper)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		var wire struct {
			Code string `json:"error"`
		}
		json.Unmarshal(body, &wire)
		re := &oauth2.RetrieveError{Response: resp, Body: body, ErrorCode: wire.Code}
		return nil, explainJWTRefusal(cfg, explainTokenError(re, shaper), serverMessage(body), resp.Header.Get("Date"), now())
	}
	var fields map[string]any
	if err := json.Unmarshal(body, &fields); err != nil {
		if strings.Contains(strings.ToLower(shaper.ctype), "html") {
			return nil, &TokenError{Status: resp.StatusCode, Cause: err, Msg: msg.New("Workfront's token endpoint answered %s with a web page instead of tokens (a proxy or an outage?).", resp.Status)}
		}
		return nil, &TokenError{Status: resp.StatusCode, Cause: err, Msg: msg.New("Workfront's token endpoint answered %s with something other than tokens (%s).", resp.Status, orUnknown(shaper.ctype))}
	}
	access, _ := fields["access_token"].(string)
	if access == "" {
		return nil, &TokenError{Status: resp.StatusCode, Msg: msg.New("Workfront's token endpoint answered %s but sent no access_token.", resp.Status)}
	}
	typ, _ := fields["token_type"].(string)
	ts := tokenSetFrom((&oauth2.Token{AccessToken: access, TokenType: typ}).WithExtra(fields), now())
	ts.RefreshToken = "" // a JWT session has none: a new JWT renews it
	if problem := checkTokenSet(ts); problem != nil {
		return nil, &TokenError{Status: resp.StatusCode, Msg: problem}
	}
	return ts, nil
}

// explainJWTRefusal says why Workfront refused a JWT, in words that say
// what to do. Workfront's wording is not documented, so its message is
// read for the claim it names; a clock far from the answer's Date is
// named whatever the message says.
func explainJWTRefusal(cfg Config, err error, said, date string, now time.Time) error {
	var te *TokenError
	if !errors.As(err, &te) || te.Status < 400 || te.Status > 499 {
		return err
	}
	if at, perr := http.ParseTime(date); perr == nil {
		if off := now.Sub(at); off > 2*time.Minute || off < -2*time.Minute {
			te.Msg = msg.New("Workfront refused the JWT of %s, and this computer's clock is %s off from Workfront's. Set the clock right (turn on automatic time), then try again.", cfg.Profile, off.Abs().Round(time.Minute))
			te.Cause = errors.Join(te.Cause, ErrClockOff)
			return te
		}
	}
	s := strings.ToLower(said)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("signature", "public key", "verif"):
		te.Msg = msg.New("Workfront does not know the key that signed the JWT of %s. Paste this connection's public key (wfconnect profile pubkey %s, or Copy in the app) into Workfront: Setup > System > OAuth2 Applications > the app > Public Keys.", cfg.Profile, cfg.Profile)
		te.Cause = errors.Join(te.Cause, ErrKeyUnknown)
	case has("sub", "user"):
		te.Msg = msg.New("Workfront refused the User ID %s of %s (%s). Check it in Workfront: it must be the ID of an active user the app may act as.", cfg.UserID, cfg.Profile, said)
		te.Cause = errors.Join(te.Cause, ErrWrongIDs)
	case has("iss", "customer"):
		te.Msg = msg.New("Workfront refused the Customer ID %s of %s (%s). Copy the Customer ID again from the app's page in Workfront.", cfg.CustomerID, cfg.Profile, said)
		te.Cause = errors.Join(te.Cause, ErrWrongIDs)
	case has("exp", "expired", "iat", "clock", "not valid yet"):
		te.Msg = msg.New("Workfront refused the JWT of %s as expired or not yet valid (%s). Check that this computer's clock is right (automatic time on), then try again.", cfg.Profile, said)
		te.Cause = errors.Join(te.Cause, ErrClockOff)
	case te.Status == http.StatusUnauthorized && has("client"):
		te.Msg = msg.New("Workfront refused the Client ID or client secret of %s (%s). Copy them again from Setup > System > OAuth2 Applications and edit the connection.", cfg.Profile, said)
	}
	return te
}
