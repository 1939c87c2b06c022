package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workspace"
)

// hangingBackend stands in for a keyring stuck on an unlock prompt: every
// status read blocks until the test ends. The real keyring's own timeout is
// tested in store; here the point is that the window never waits for it.
type hangingBackend struct {
	*fakeBackend
	release chan struct{}
}

func (b *hangingBackend) Status(ctx context.Context, name string) (auth.Status, error) {
	select {
	case <-b.release:
	case <-ctx.Done():
	}
	return auth.Status{Profile: name, State: auth.StateNotConnected}, ctx.Err()
}

func (b *hangingBackend) Save(d workspace.Draft, replacing string) (store.Profile, error) {
	<-b.release
	return b.fakeBackend.Save(d, replacing)
}

func TestWindowRespondsWhileTheKeyringHangs(t *testing.T) {
	b := &hangingBackend{fakeBackend: newFakeBackend(acme), release: make(chan struct{})}
	defer close(b.release)
	h := newHarnessWith(t, b, b.fakeBackend)
	m := h.app.Main
	h.q.until(t, "the profile", func() bool { return m.Conn != nil })
	c := m.Conn
	if c.Badge.Text != StateText("") {
		t.Errorf("badge %q while the status is pending", c.Badge.Text)
	}
	// The window still reacts: a new form opens and takes typing at once.
	start := time.Now()
	test.Tap(m.AddButton)
	test.Type(m.Form.Name, "Second")
	test.Tap(m.Form.SaveButton)
	if m.Form.SaveButton.Text != "Saving…" || !m.Form.SaveButton.Disabled() {
		t.Error("Save shows no progress while the keyring hangs")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("the UI goroutine was blocked for %s", d)
	}
	// Leaving the screen cancels what waits on the hung status read.
	m.ShowNewForm()
	if m.Conn != nil {
		t.Error("the connection panel kept running after it was left")
	}
}

func TestSlowProjectSearchCanBeLeft(t *testing.T) {
	b := newFakeBackend(acme)
	h, v := showProjects(t, b)
	slow := b.projects.holdSearch("slow") // an API that does not answer
	defer close(slow)
	v.Search.SetText("slow")
	v.SearchNow()
	if !v.Loading.Visible() {
		t.Error("no loading indicator for a slow search")
	}
	start := time.Now()
	v.Search.SetText("Project 2")
	v.SearchNow() // a new search cancels the hanging one
	h.q.until(t, "the newer search", func() bool { return !v.Loading.Visible() && len(v.Grid.Objects) > 0 })
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestSlowProjectSearchCanBeStopped(t *testing.T) {
	b := newFakeBackend(acme)
	h, v := showProjects(t, b)
	slow := b.projects.holdDeaf("slow") // an API that takes its time, and answers all the same
	v.Search.SetText("slow")
	v.SearchNow()
	if !v.StopButton.Visible() {
		t.Fatal("no Stop button while a search is slow")
	}
	test.Tap(v.StopButton)
	if v.Loading.Visible() || v.StopButton.Visible() {
		t.Error("still loading after Stop")
	}
	if !v.ProblemBox.Visible() || !v.RetryButton.Visible() || v.Problem.Text != "Stopped: Workfront had not answered yet. Retry asks again." {
		t.Errorf("after Stop: problem %q, retry visible %v", v.Problem.Text, v.RetryButton.Visible())
	}
	// The stopped answer, arriving late, changes nothing.
	rows := len(v.Grid.Objects)
	h.q.lateAnswer(t, b.projects, slow)
	if len(v.Grid.Objects) != rows || !v.ProblemBox.Visible() {
		t.Error("a stopped search's late answer was shown")
	}
	test.Tap(v.RetryButton)
	h.q.until(t, "the retried search", func() bool { return !v.Loading.Visible() && !v.ProblemBox.Visible() })
}

// holdDeaf is holdSearch for a server that answers once released even if
// the caller gave up waiting.
func (f *fakeProjects) holdDeaf(text string) chan struct{} {
	release := f.holdSearch(text)
	f.mu.Lock()
	f.deaf[text] = true
	f.mu.Unlock()
	return release
}

// holdSearch makes searches for text wait until the returned channel closes.
func (f *fakeProjects) holdSearch(text string) chan struct{} {
	release := make(chan struct{})
	f.mu.Lock()
	f.hold[text] = release
	f.mu.Unlock()
	return release
}
