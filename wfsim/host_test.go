package wfsim

import (
	"errors"
	"net/http"
	"testing"
)

// TestHostHeaderChecked: the simulator answers under its own loopback
// address only (DNS rebinding), unless it is public; and it listens off
// loopback only when public.
func TestHostHeaderChecked(t *testing.T) {
	if err := New(Options{Projects: 5}).Start("0.0.0.0:0"); !errors.Is(err, ErrNotLoopback) {
		t.Errorf("Start off loopback without Public: %v", err)
	}
	for _, public := range []bool{false, true} {
		s := New(Options{Projects: 5, Public: public})
		if err := s.Start("127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		port := s.ln.Addr().String()[len("127.0.0.1:"):]
		for host, own := range map[string]bool{
			"127.0.0.1:" + port: true, "localhost:" + port: true, "LOCALHOST:" + port: true,
			"attacker.example:" + port: false, "127.0.0.1:1": false, "attacker.example": false,
		} {
			req, _ := http.NewRequest(http.MethodGet, s.URL()+"/integrations/oauth2/authorize?client_id=x", nil)
			req.Host = host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if refused := resp.StatusCode == http.StatusMisdirectedRequest; refused == (own || public) {
				t.Errorf("public %v, Host %q: %s", public, host, resp.Status)
			}
		}
	}
}
