package wfsim

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkProjectSearch2000 times one 2000-row page of projects (sorted by
// name, ID tiebreak, the demo's usual fields) through the handler, without
// the network; ns/op is the cost of one page.
func BenchmarkProjectSearch2000(b *testing.B) {
	benchPage(b, "/attask/api/v21.0/proj/search?fields=status,owner:name,plannedCompletionDate,percentComplete&name_1_Sort=asc&ID_2_Sort=asc&$$FIRST=4000&$$LIMIT=2000")
}

// testSession makes a sessionID without the consent dance.
func (s *Sim) testSession() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newSessionLocked(time.Now())
}

// BenchmarkGenericProjectSearch2000 is the same page with a custom field
// and a reference more.
func BenchmarkGenericProjectSearch2000(b *testing.B) {
	benchPage(b, "/attask/api/v21.0/proj/search?fields=status,owner:name,plannedCompletionDate,percentComplete,DE:Budget,portfolio:name&name_1_Sort=asc&ID_2_Sort=asc&$$FIRST=4000&$$LIMIT=2000")
}

// benchPage times one search answered by the handler, without the network.
func benchPage(b *testing.B, path string) {
	s := New(Options{})
	sid := s.testSession()
	h := s.Handler()
	run := func() {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("sessionID", sid)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
	run()
	b.ResetTimer()
	for range b.N {
		run()
	}
}
