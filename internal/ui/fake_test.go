package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// fakeBackend stands in for the workspace so that the UI tests need no
// keyring, files or network; the real workspace is tested against wfsim and
// the real Secret Service in the workspace and cli packages.
type fakeBackend struct {
	mu         sync.Mutex
	profiles   []store.Profile
	status     map[string]auth.Status
	saved      []workspace.Draft
	saveErr    error
	flow       *fakeFlow
	beginErr   error
	refreshes  int
	refreshErr error
	logouts    int
	projects   *fakeProjects
	identity   workfront.Identity
	objects    *fakeObjects
	// fewProjects serves the small instance's two projects (explorer tests).
	fewProjects bool
	signIns     int
	signInErr   error
	logoutErr   error // after forgetting the tokens, as workspace's Logout does
	journalDir  string
	queries     *query.Store
	admin       fakeAdmin
}

func newFakeBackend(profiles ...store.Profile) *fakeBackend {
	objects := newFakeObjects()
	return &fakeBackend{profiles: profiles, status: map[string]auth.Status{}, objects: objects, projects: newFakeProjects(objects)}
}

func (b *fakeBackend) Profiles() ([]store.Profile, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]store.Profile(nil), b.profiles...), nil
}

func (b *fakeBackend) Validate(d workspace.Draft, replacing string) (store.Profile, workspace.FieldErrors) {
	errs := workspace.FieldErrors{}
	if strings.TrimSpace(d.Name) == "" {
		errs["name"] = msg.New("Give the connection a name.")
	}
	host, err := auth.NormalizeHost(d.Domain)
	if err != nil {
		errs["domain"] = err
	}
	if len(errs) > 0 {
		return store.Profile{}, errs
	}
	return store.Profile{Name: d.Name, Host: host, ClientID: d.ClientID, RedirectURI: d.RedirectURI, AppType: d.AppType, TokenAuth: d.TokenAuth, APIVersion: d.APIVersion}, nil
}

func (b *fakeBackend) Save(d workspace.Draft, replacing string) (store.Profile, error) {
	p, errs := b.Validate(d, replacing)
	if errs != nil {
		return p, errs
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.saveErr != nil {
		return p, b.saveErr
	}
	b.saved = append(b.saved, d)
	kept := b.profiles[:0]
	for _, old := range b.profiles {
		if old.Name != replacing {
			kept = append(kept, old)
		}
	}
	b.profiles = append(kept, p)
	return p, nil
}

func (b *fakeBackend) savedCount() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.saved)
}

func (b *fakeBackend) Remove(name string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	kept := b.profiles[:0]
	for _, p := range b.profiles {
		if p.Name != name {
			kept = append(kept, p)
		}
	}
	b.profiles = kept
	return nil
}

func (b *fakeBackend) Begin(ctx context.Context, name string) (workspace.Flow, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.beginErr != nil {
		return nil, b.beginErr
	}
	b.flow = newFakeFlow()
	return b.flow, nil
}

func (b *fakeBackend) currentFlow() *fakeFlow {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flow
}

func (b *fakeBackend) setStatus(st auth.Status) {
	b.mu.Lock()
	b.status[st.Profile] = st
	b.mu.Unlock()
}

func (b *fakeBackend) Status(ctx context.Context, name string) (auth.Status, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	st, ok := b.status[name]
	if !ok {
		st = auth.Status{Profile: name, State: auth.StateNotConnected, Storage: "fake keyring"}
	}
	return st, nil
}

func (b *fakeBackend) Token(ctx context.Context, name string) (string, error) { return "session", nil }

func (b *fakeBackend) WhoAmI(ctx context.Context, name string) (workfront.Identity, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.identity.UserID == "" {
		return workfront.Identity{}, errors.New("not signed in")
	}
	return b.identity, nil
}

func (b *fakeBackend) RefreshNow(ctx context.Context, name string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refreshes++
	if b.refreshErr != nil {
		return b.refreshErr
	}
	st := b.status[name]
	st.RefreshedAt = time.Now()
	st.AccessExpiresAt = time.Now().Add(time.Hour)
	st.State = auth.StateConnected
	b.status[name] = st
	return nil
}

func (b *fakeBackend) Logout(ctx context.Context, name string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.logouts++
	b.status[name] = auth.Status{Profile: name, State: auth.StateNotConnected}
	return b.logoutErr
}

func (b *fakeBackend) Storage() string { return "fake keyring" }

// SignIn connects a jwt or ims connection at once, or fails with signInErr.
func (b *fakeBackend) SignIn(ctx context.Context, name string) (auth.Status, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.signIns++
	if b.signInErr != nil {
		return auth.Status{Profile: name, State: auth.StateNotConnected}, b.signInErr
	}
	st := auth.Status{Profile: name, State: auth.StateConnected, AccessExpiresAt: time.Now().Add(time.Hour)}
	b.status[name] = st
	return st, nil
}

// fakePublicKey is the public key every fake jwt connection has.
const fakePublicKey = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAfake\n-----END PUBLIC KEY-----\n"

func (b *fakeBackend) PublicKey(name string) (string, error) {
	for _, p := range b.profiles {
		if p.Name == name && p.AppType == string(auth.AppJWT) {
			return fakePublicKey, nil
		}
	}
	return "", fmt.Errorf("%s is not a Machine to Machine connection", name)
}

func (b *fakeBackend) SetAPIVersion(name, version string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := range b.profiles {
		if b.profiles[i].Name == name {
			b.profiles[i].APIVersion = version
			return nil
		}
	}
	return fmt.Errorf("no connection %s", name)
}

// StartMachineDemo adds a fake Machine to Machine demo connection.
func (b *fakeBackend) StartMachineDemo() (store.Profile, error) {
	return b.addDemo(store.Profile{Name: workspace.DemoMachineName, Host: "http://127.0.0.1:1", Demo: true, AppType: "jwt", ClientID: "m2m"})
}

// StartSandboxDemo adds a fake demo sandbox connection.
func (b *fakeBackend) StartSandboxDemo() (store.Profile, error) {
	return b.addDemo(store.Profile{Name: workspace.DemoSandboxName, Host: "http://127.0.0.1:2", Demo: true, AppType: "jwt", ClientID: "m2m"})
}

func (b *fakeBackend) addDemo(p store.Profile) (store.Profile, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, q := range b.profiles {
		if q.Name == p.Name {
			return q, nil
		}
	}
	b.profiles = append(b.profiles, p)
	return p, nil
}

func (b *fakeBackend) StartDemo() (store.Profile, error) {
	p := store.Profile{Name: "Demo (simulated Workfront)", Host: "http://127.0.0.1:1", Demo: true, AppType: "web"}
	b.mu.Lock()
	b.profiles = append(b.profiles, p)
	b.mu.Unlock()
	return p, nil
}

// fakeFlow is a sign-in the test completes by hand.
type fakeFlow struct {
	code     chan time.Time
	result   chan error
	pasted   chan string
	canceled chan struct{}
	refused  chan error
	once     sync.Once
}

func newFakeFlow() *fakeFlow {
	return &fakeFlow{code: make(chan time.Time, 1), result: make(chan error, 1), pasted: make(chan string, 4), canceled: make(chan struct{}), refused: make(chan error, 4)}
}

func (f *fakeFlow) AuthURL() string {
	return "https://acme.my.workfront.com/integrations/oauth2/authorize?client_id=abc&redirect_uri=x&response_type=code&state=s"
}
func (f *fakeFlow) Loopback() bool                 { return true }
func (f *fakeFlow) Rejected() <-chan error         { return f.refused }
func (f *fakeFlow) CodeReceived() <-chan time.Time { return f.code }
func (f *fakeFlow) Cancel()                        { f.once.Do(func() { close(f.canceled) }) }
func (f *fakeFlow) SubmitPasted(raw string) error {
	if !strings.Contains(raw, "code=") {
		return errors.New("That doesn't look like the address Workfront sent you to.")
	}
	f.pasted <- raw
	return nil
}
func (f *fakeFlow) Wait(ctx context.Context) (*auth.TokenSet, error) {
	select {
	case err := <-f.result:
		if err != nil {
			return nil, err
		}
		return &auth.TokenSet{AccessToken: "a"}, nil
	case <-f.canceled:
		return nil, auth.ErrCanceled
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fakeProjects serves 250 projects from memory, through the generic
// path's interface as the Projects view uses it (name and status filters,
// a sort, paging); each search can be held back to simulate a slow answer.
// Other types come from the explorer's small instance.
type fakeProjects struct {
	mu      sync.Mutex
	all     []workfront.Object
	queries []workfront.Search
	hold    map[string]chan struct{} // search text -> released when closed
	// deaf holds answer when released even if the caller gave up, as a
	// server does whose answer is already on its way; answered hears
	// each held search's answer leave.
	deaf     map[string]bool
	answered chan string
	err      error
	searches int
	others   *fakeObjects
}

func newFakeProjects(others *fakeObjects) *fakeProjects {
	f := &fakeProjects{hold: map[string]chan struct{}{}, deaf: map[string]bool{}, answered: make(chan string, 16), others: others}
	for i := 0; i < 250; i++ {
		f.all = append(f.all, workfront.Object{
			"ID": fmt.Sprintf("%032x", i+1), "name": fmt.Sprintf("Project %03d", i), "objCode": "PROJ",
			"status": workfront.Statuses()[i%len(workfront.Statuses())].Code,
			"owner":  map[string]any{"ID": "u1", "name": "Ada Lovelace", "objCode": "USER"}, "percentComplete": float64(i % 101),
			"plannedCompletionDate": "2026-03-01T17:00:00:000+0000", "description": "A project of the fake backend.",
		})
	}
	return f
}

func (f *fakeProjects) searchCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.searches
}

func (f *fakeProjects) allQueries() []workfront.Search {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]workfront.Search(nil), f.queries...)
}

func (f *fakeProjects) lastQuery() workfront.Search {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queries) == 0 {
		return workfront.Search{}
	}
	return f.queries[len(f.queries)-1]
}

func (f *fakeProjects) Host() string { return "https://acme.my.workfront.com" }

// text is the search box's text in a search ("" when none).
func text(filters []workfront.Filter) string {
	for _, fl := range filters {
		if fl.Key == "name" {
			return fl.Value
		}
	}
	return ""
}

func (f *fakeProjects) match(filters []workfront.Filter) []workfront.Object {
	statuses := map[string]bool{}
	for _, fl := range filters {
		if fl.Key == "status" {
			statuses[fl.Value] = true
		}
	}
	q := strings.ToLower(text(filters))
	var out []workfront.Object
	for _, p := range f.all {
		if q != "" && !strings.Contains(strings.ToLower(p.Name()), q) {
			continue
		}
		if len(statuses) > 0 && !statuses[p.Text("status")] {
			continue
		}
		out = append(out, p)
	}
	return out
}

func (f *fakeProjects) Search(ctx context.Context, s workfront.Search) ([]workfront.Object, error) {
	if !strings.EqualFold(s.ObjCode, "PROJ") {
		return f.others.Search(ctx, s)
	}
	f.mu.Lock()
	f.queries = append(f.queries, s)
	f.searches++
	key := text(s.Filters)
	hold, deaf := f.hold[key], f.deaf[key]
	err := f.err
	f.mu.Unlock()
	switch {
	case hold != nil && deaf:
		<-hold
		defer func() { f.answered <- key }()
	case hold != nil:
		select {
		case <-hold:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	rows := f.match(s.Filters)
	if len(s.Sorts) > 0 && s.Sorts[0].Field != "name" {
		field, desc := s.Sorts[0].Field, s.Sorts[0].Desc
		rows = append([]workfront.Object(nil), rows...)
		sort.SliceStable(rows, func(i, j int) bool {
			if desc {
				return rows[i].Text(field) > rows[j].Text(field)
			}
			return rows[i].Text(field) < rows[j].Text(field)
		})
	}
	if s.First > len(rows) {
		return nil, nil
	}
	return rows[s.First:min(len(rows), s.First+s.Limit)], nil
}

func (f *fakeProjects) Count(ctx context.Context, objCode string, filters []workfront.Filter) (int, error) {
	if !strings.EqualFold(objCode, "PROJ") {
		return f.others.Count(ctx, objCode, filters)
	}
	f.mu.Lock()
	err := f.err
	f.mu.Unlock()
	if err != nil {
		return 0, err
	}
	return len(f.match(filters)), nil
}

func (f *fakeProjects) Get(ctx context.Context, objCode, id string, fields []string) (workfront.Object, error) {
	for _, p := range f.all {
		if p.ID() == id && strings.EqualFold(objCode, "PROJ") {
			return p, nil
		}
	}
	return f.others.Get(ctx, objCode, id, fields)
}

// uiQueue runs the UI's fyne.Do calls on the test goroutine, in order.
type uiQueue struct {
	ch     chan func()
	queued atomic.Int64 // how many functions were ever queued
}

func newUIQueue() *uiQueue { return &uiQueue{ch: make(chan func(), 1024)} }

func (q *uiQueue) do(f func()) { q.queued.Add(1); q.ch <- f }

// lateAnswer releases a search held by holdDeaf, waits until its answer
// is back on the UI goroutine's queue, and runs what is queued: after it,
// whatever the late answer would change has changed.
func (q *uiQueue) lateAnswer(t *testing.T, f *fakeProjects, release chan struct{}) {
	t.Helper()
	before := q.queued.Load()
	close(release)
	select {
	case <-f.answered:
	case <-time.After(5 * time.Second):
		t.Fatal("the held search never answered")
	}
	for deadline := time.Now().Add(5 * time.Second); q.queued.Load() == before; {
		if time.Now().After(deadline) {
			t.Fatal("the late answer never reached the UI queue")
		}
		runtime.Gosched()
	}
	q.drain()
}

// drain runs what is queued now.
func (q *uiQueue) drain() {
	for {
		select {
		case f := <-q.ch:
			f()
		default:
			return
		}
	}
}

// until runs queued UI work until cond holds, or fails after 5 s.
func (q *uiQueue) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		q.drain()
		if cond() {
			return
		}
		select {
		case f := <-q.ch:
			f()
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// fakeClock is a settable clock, safe across goroutines.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

type harness struct {
	t       *testing.T
	app     *App
	backend *fakeBackend
	q       *uiQueue
	clock   *fakeClock
	opened  chan string
	// noBrowser makes opening a URL fail, as on a machine without one.
	noBrowser atomic.Bool
}

func newHarness(t *testing.T, b *fakeBackend) *harness {
	t.Helper()
	return newHarnessWith(t, b, b)
}

// newHarnessWith runs the window on backend, a fake or a wrapper around fake.
func newHarnessWith(t *testing.T, backend Backend, b *fakeBackend) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	if b != nil && b.queries == nil {
		b.queries = query.Open(t.TempDir()) // the real store, in a throwaway config dir
	}
	h := &harness{t: t, backend: b, q: newUIQueue(), clock: &fakeClock{now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)}, opened: make(chan string, 8)}
	h.app = New(a, backend, Options{
		Do:          h.q.do,
		Now:         h.clock.Now,
		Tick:        time.Hour, // the tests call Tick themselves
		SearchDelay: 10 * time.Millisecond,
		OpenURL: func(u string) error {
			if h.noBrowser.Load() {
				return errors.New(`exec: "xdg-open,x-www-browser,www-browser": executable file not found in $PATH`)
			}
			h.opened <- u
			return nil
		},
	})
	h.app.Window.Resize(h.app.Window.Canvas().Size().Max(h.app.Window.Content().MinSize()))
	t.Cleanup(func() { h.app.Main.close() })
	return h
}

func widgetCell(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }
