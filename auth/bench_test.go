package auth

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// BenchmarkExchange times callback -> tokens stored (memory store) against a
// raw token POST with net/http, alternating call by call on the same wfsim.
// Getting each fresh code (the consent) is not timed.
func BenchmarkExchange(b *testing.B) {
	sim := wfsim.New(wfsim.Options{Projects: 1})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	defer sim.Close()
	redirect := "https://example.com/bench"
	cfg := configFor(sim, "form", redirect)
	store := newMemStore()
	raw := &http.Client{}
	var tc, tr time.Duration
	for i := 0; i < b.N; i++ {
		f, err := Begin(context.Background(), cfg, store, BeginOptions{})
		if err != nil {
			b.Fatal(err)
		}
		landed, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := f.SubmitPasted(landed); err != nil {
			b.Fatal(err)
		}
		if _, err := f.Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
		tc += time.Since(start)

		// The raw request sends no code_verifier, so its code is issued
		// without a PKCE challenge.
		rawCfg := cfg
		rawCfg.NoPKCE = true
		g, _ := Begin(context.Background(), rawCfg, store, BeginOptions{})
		landed, _ = wfsim.Consent(http.DefaultClient, g.AuthURL(), true)
		g.Cancel()
		u, _ := url.Parse(landed)
		start = time.Now()
		resp, err := raw.PostForm(sim.URL()+TokenPath, url.Values{"grant_type": {"authorization_code"}, "redirect_uri": {redirect},
			"code": {u.Query().Get("code")}, "client_id": {cfg.ClientID}, "client_secret": {cfg.ClientSecret}})
		if err != nil || resp.StatusCode != 200 {
			b.Fatal(resp.Status, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		tr += time.Since(start)
	}
	b.ReportMetric(float64(tc)/float64(b.N), "client-ns/op")
	b.ReportMetric(float64(tr)/float64(b.N), "raw-ns/op")
	b.ReportMetric(float64(tc)/float64(tr), "ratio")
	b.ReportMetric(float64(tc-tr)/float64(b.N)/1e6, "extra-ms/op")
}
