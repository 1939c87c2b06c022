package auth

import (
	"context"
	"encoding/json"
	"errors"
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
		hc.Timeout = authTimeout // the body's read included
	}
	shaper := &wireShaper{cfg: cfg}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, explainTokenError(err, shaper)
	}
	shaper.status, shaper.reason, shaper.ctype = resp.StatusCode, resp.Status, resp.Header.Get("Content-Type")
	body, problem, err := readTokenBody(resp)
	if shaper.body = problem; err != nil {
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
			return nil, &TokenError{Status: resp.StatusCode, Cause: err, Msg: shaper.server.webPage(resp.Status)}
		}
		return nil, &TokenError{Status: resp.StatusCode, Cause: err, Msg: shaper.server.notTokens(resp.Status, orUnknown(shaper.ctype))}
	}
	access, _ := fields["access_token"].(string)
	if access == "" {
		return nil, &TokenError{Status: resp.StatusCode, Msg: shaper.server.noAccessToken(resp.Status)}
	}
	typ, _ := fields["token_type"].(string)
	ts := tokenSetFrom((&oauth2.Token{AccessToken: access, TokenType: typ}).WithExtra(fields), now())
	ts.RefreshToken = "" // a JWT session has none: a new JWT renews it
	if problem := checkTokenSet(ts, shaper.server); problem != nil {
		return nil, &TokenError{Status: resp.StatusCode, Msg: problem}
	}
	return ts, nil
}

// jwtRefusal is what a refused JWT exchange refused.
type jwtRefusal int

const (
	refusedUnknown  jwtRefusal = iota // the answer does not say
	refusedClient                     // the client ID or secret
	refusedJWT                        // the JWT, no claim named
	refusedKey                        // its signature: Workfront knows no such key
	refusedUser                       // its sub, the User ID
	refusedCustomer                   // its iss, the Customer ID
	refusedTime                       // its exp or iat
)

// jwtRefusalOf reads a refused exchange by its error code and HTTP status
// first: invalid_client (or a 401 that names nothing else) is the client's
// credentials, invalid_grant (or a 400) the JWT. Workfront's words are
// undocumented, so they are read only for what the code leaves open (which
// of the JWT's parts was refused), and whole words only ("issue" names no
// iss, "subscription" no sub).
func jwtRefusalOf(status int, code, said string) jwtRefusal {
	claim := claimNamed(said)
	switch {
	case code == "invalid_client", code == "unauthorized_client":
		return refusedClient
	case code == "invalid_grant", code == "invalid_token":
		return max(claim, refusedJWT)
	case code == "" && status == http.StatusUnauthorized:
		if claim != refusedUnknown {
			return claim
		}
		return refusedClient
	case code == "" && status == http.StatusBadRequest:
		return max(claim, refusedJWT)
	}
	return refusedUnknown // invalid_request and the rest: said as sent
}

// claimNamed is the part of the JWT a refusal's words name, if any.
func claimNamed(said string) jwtRefusal {
	words := strings.FieldsFunc(strings.ToLower(said), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	has := func(want ...string) bool {
		for i, w := range words {
			for _, x := range want {
				if first, second, pair := strings.Cut(x, " "); pair {
					if w == first && i+1 < len(words) && words[i+1] == second {
						return true
					}
				} else if w == x {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("signature", "public key", "public keys", "verify", "verifies", "verified", "verification", "unverifiable"):
		return refusedKey
	case has("sub", "subject", "user id", "userid", "active user"):
		return refusedUser
	case has("iss", "issuer", "customer id", "customerid"):
		return refusedCustomer
	case has("exp", "expired", "expires", "expiry", "expiration", "iat", "nbf", "clock", "not yet", "valid yet"):
		return refusedTime
	}
	return refusedUnknown
}

// explainJWTRefusal says why Workfront refused a JWT, in words that say
// what to do (jwtRefusalOf); a clock far from the answer's Date is named
// whatever the answer says.
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
	told := orCode(said, te.Code)
	if told == "" {
		told = http.StatusText(te.Status)
	}
	switch jwtRefusalOf(te.Status, te.Code, said) {
	case refusedKey:
		te.Msg = msg.New("Workfront does not know the key that signed the JWT of %s. Paste this connection's public key (wfconnect profile pubkey %s, or Copy in the app) into Workfront: Setup > System > OAuth2 Applications > the app > Public Keys.", cfg.Profile, cfg.Profile)
		te.Cause = errors.Join(te.Cause, ErrKeyUnknown)
	case refusedUser:
		te.Msg = msg.New("Workfront refused the User ID %s of %s (%s). Check it in Workfront: it must be the ID of an active user the app may act as.", cfg.UserID, cfg.Profile, told)
		te.Cause = errors.Join(te.Cause, ErrWrongIDs)
	case refusedCustomer:
		te.Msg = msg.New("Workfront refused the Customer ID %s of %s (%s). Copy the Customer ID again from the app's page in Workfront.", cfg.CustomerID, cfg.Profile, told)
		te.Cause = errors.Join(te.Cause, ErrWrongIDs)
	case refusedTime:
		te.Msg = msg.New("Workfront refused the JWT of %s as expired or not yet valid (%s). Check that this computer's clock is right (automatic time on), then try again.", cfg.Profile, told)
		te.Cause = errors.Join(te.Cause, ErrClockOff)
	case refusedClient:
		te.Msg = msg.New("Workfront refused the Client ID or client secret of %s (%s). Copy them again from Setup > System > OAuth2 Applications and edit the connection.", cfg.Profile, told)
		te.Cause = errors.Join(te.Cause, ErrClientRefused)
	case refusedJWT:
		te.Msg = msg.New("Workfront refused the JWT of %s (%d: %s). Check the connection's Customer ID and User ID, that its public key is in Workfront (Setup > System > OAuth2 Applications > the app > Public Keys), and this computer's clock.", cfg.Profile, te.Status, told)
	}
	return te
}
