package auth

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// tokenRequester is one kind of token request against wfsim, and the name
// its errors must give the server.
type tokenRequester struct {
	name   string
	server func(sim *wfsim.Sim) string
	start  func(t *testing.T, sim *wfsim.Sim) func() error
}

var tokenRequesters = []tokenRequester{
	{"code exchange", func(*wfsim.Sim) string { return "Workfront's token endpoint" }, func(t *testing.T, sim *wfsim.Sim) func() error {
		cfg := configFor(sim, "form", "https://example.com/hostile")
		f, err := Begin(context.Background(), cfg, newMemStore(), BeginOptions{})
		if err != nil {
			t.Fatal(err)
		}
		landed, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
		if err != nil {
			t.Fatal(err)
		}
		return func() error {
			if err := f.SubmitPasted(landed); err != nil {
				return err
			}
			_, err := f.Wait(context.Background())
			return err
		}
	}},
	{"refresh", func(*wfsim.Sim) string { return "Workfront's token endpoint" }, func(t *testing.T, sim *wfsim.Sim) func() error {
		src, _ := connect(t, sim, "form", newMemStore(), SourceOptions{})
		return func() error {
			tok, _ := src.Token(context.Background())
			_, err := src.Refresh(context.Background(), tok)
			return err
		}
	}},
	{"jwt", func(*wfsim.Sim) string { return "Workfront's token endpoint" }, func(t *testing.T, sim *wfsim.Sim) func() error {
		key, _ := GenerateKey()
		pub, _ := PublicKeyPEM(key)
		sim.RegisterPublicKey(pub)
		cfg := Config{Profile: "m2m", Host: sim.URL(), ClientID: sim.JWTClientID(), ClientSecret: sim.JWTClientSecret(),
			AppType: AppJWT, CustomerID: sim.CustomerID(), UserID: sim.SignedInUserID(), PrivateKeyPEM: key}
		return func() error {
			_, err := NewSource(cfg, newMemStore(), SourceOptions{}).Token(context.Background())
			return err
		}
	}},
	{"ims", func(sim *wfsim.Sim) string { return "Adobe IMS at " + sim.URL() }, func(t *testing.T, sim *wfsim.Sim) func() error {
		cfg := Config{Profile: "ims", Host: sim.URL(), ClientID: sim.IMSClientID(), ClientSecret: sim.IMSClientSecret(),
			AppType: AppIMS, IMSOrg: sim.IMSOrgID(), IMSURL: sim.URL(), Scopes: "openid"}
		return func() error {
			_, err := NewSource(cfg, newMemStore(), SourceOptions{}).Token(context.Background())
			return err
		}
	}},
}

// TestHostileTokenAnswers: for each token request (a code exchange, a
// refresh and a JWT exchange at Workfront, a client-credentials request at
// Adobe IMS), wfsim
// answers with a 3 MB body (as tokens and as an error), a web page, and a
// body sent at 1 byte a second. Each is read no further than 1 MB, gives
// up at the request's deadline, and its message names the server it came
// from and says what happened.
func TestHostileTokenAnswers(t *testing.T) {
	defer func(was time.Duration) { authTimeout = was }(authTimeout)
	authTimeout = time.Second
	huge := `{"access_token":"` + strings.Repeat("a", 3<<20) + `"}`
	for _, r := range tokenRequesters {
		for _, tc := range []struct {
			name   string
			answer wfsim.Answer
			said   string
		}{
			{"3 MB of tokens", wfsim.Answer{ContentType: "application/json", Body: huge}, " answered 200 OK with more than 1 MB"},
			{"3 MB of error", wfsim.Answer{Status: 400, ContentType: "application/json", Body: huge}, " answered 400 Bad Request with more than 1 MB"},
			{"a web page", wfsim.Answer{ContentType: "text/html", Body: "<html>sign in</html>"}, " answered 200 OK with a web page"},
			{"1 byte a second", wfsim.Answer{ContentType: "application/json", Body: `{"access_token":"slow"}`, Trickle: time.Second}, ": the request timed out."},
		} {
			t.Run(r.name+"/"+tc.name, func(t *testing.T) {
				sim := startSim(t, wfsim.Options{})
				call := r.start(t, sim)
				sim.SetTokenAnswers(tc.answer, 1)
				began := time.Now()
				err := call()
				if took := time.Since(began); took > 5*time.Second {
					t.Errorf("took %s", took.Round(time.Millisecond))
				}
				if err == nil || !strings.Contains(err.Error(), r.server(sim)) || !strings.Contains(err.Error(), tc.said) {
					t.Fatalf("err %v, want it to name %q and say %q", err, r.server(sim), tc.said)
				}
				if r.name == "ims" && strings.Contains(err.Error(), "Workfront") {
					t.Errorf("an IMS error speaks of Workfront: %v", err)
				}
			})
		}
	}
}
