package auth

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/wfconnect/wfconnect/wfsim"
)

// TestIdleConnectionsDoNotDelayTheCallback: a stranger's idle connections
// (opened and silent, or a request begun and never finished), more than
// the listener's cap, with the listener's real timeouts, do not keep the
// browser's callback waiting: it is served at once.
func TestIdleConnectionsDoNotDelayTheCallback(t *testing.T) {
	sim := startSim(t, wfsim.Options{})
	redirect := freeRedirect(t)
	f, err := Begin(context.Background(), configFor(sim, "form", redirect), newMemStore(), BeginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	done := waitDone(t, f)
	addr := mustURL(t, redirect).Host
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := 0; i < 2*callbackServerLimits.conns; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		if i%2 == 1 {
			fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n", mustURL(t, redirect).Path, addr) // never ended
		}
		conns = append(conns, c)
	}
	time.Sleep(100 * time.Millisecond) // the listener has taken them all in
	landed, err := wfsim.Consent(http.DefaultClient, f.AuthURL(), true)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(landed)
	if err != nil {
		t.Fatalf("the real callback behind %d idle connections: %v", len(conns), err)
	}
	resp.Body.Close()
	if took := time.Since(start); resp.StatusCode != http.StatusOK || took > 2*time.Second {
		t.Errorf("the real callback behind %d idle connections: %s after %s", len(conns), resp.Status, took)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
