package ui

import (
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/store"
)

// ExploreTabs are Explore's query tabs: each a browser with its own
// query, scroll position, selection and Back trail. The open tabs are
// kept per connection and come back on the next start; each search run
// goes to the connection's history.
type ExploreTabs struct {
	deps    viewDeps
	profile store.Profile
	store   *query.Store
	disk    *diskQueue
	Tabs    *container.DocTabs
	Views   []*BrowserView
	titles  []string // a saved query's name, kept as its tab's title
	Content fyne.CanvasObject
	// OnCurrent tells which browser is on show (the main view's Explore).
	OnCurrent func(*BrowserView)
	connected *bool // the connection's state, once known
}

func newExploreTabs(deps viewDeps, p store.Profile, onCurrent func(*BrowserView)) *ExploreTabs {
	t := &ExploreTabs{deps: deps, profile: p, store: deps.Backend.Queries(), OnCurrent: onCurrent}
	t.disk = newDiskQueue(func(err error) { deps.Do(func() { deps.Toast(ErrorText(err)) }) })
	t.Tabs = container.NewDocTabs()
	t.Tabs.CreateTab = func() *container.TabItem { t.New(); return nil }
	t.Tabs.CloseIntercept = func(item *container.TabItem) { t.Close(slices.Index(t.Tabs.Items, item)) }
	t.Tabs.OnSelected = func(*container.TabItem) { t.selected() }
	t.Content = t.Tabs
	t.restore()
	return t
}

// restore opens the tabs of the last session, or one new tab.
func (t *ExploreTabs) restore() {
	saved, err := t.store.Tabs(t.profile.Name)
	if err != nil && t.deps.Window != nil {
		showErrorIn(t.deps.Window, err) // a damaged file, kept aside: said plainly
	}
	for _, q := range saved.Open {
		t.open(q, q.Name)
	}
	if len(t.Views) == 0 {
		t.add(t.newView(), "")
	}
	t.Tabs.SelectIndex(max(0, min(saved.Current, len(t.Views)-1)))
	t.selected()
}

// newView is a browser for one tab, telling each search to the history.
func (t *ExploreTabs) newView() *BrowserView {
	v := newBrowser(t.deps, t.profile, explorePreset())
	if t.connected != nil {
		v.SetConnected(*t.connected)
	}
	v.OnRan = func(q query.Query, rows int) { t.ran(v, q, rows) }
	v.OnSaved = func(name string) { t.Named(v, name); t.keep() }
	return v
}

func (t *ExploreTabs) add(v *BrowserView, title string) {
	t.Views = append(t.Views, v)
	t.titles = append(t.titles, title)
	item := container.NewTabItemWithIcon(lang.L("New tab"), theme.SearchIcon(), v.Content)
	t.Tabs.Append(item)
	t.retitle(len(t.Views) - 1)
}

// open adds a tab showing a query; title names the tab ("" follows the
// query's type and search).
func (t *ExploreTabs) open(q query.Query, title string) *BrowserView {
	v := t.newView()
	v.OpenQuery(q)
	t.add(v, title)
	return v
}

// Open shows a query in a new tab and selects it (a saved query, a
// history entry, Workfront's saved filter).
func (t *ExploreTabs) Open(q query.Query, title string) *BrowserView {
	v := t.open(q, title)
	t.Tabs.SelectIndex(len(t.Views) - 1)
	return v
}

// New opens an empty tab on tasks (Ctrl+T).
func (t *ExploreTabs) New() {
	t.Open(query.Query{ObjCode: "TASK"}, "")
}

// Close closes a tab (Ctrl+W); the last one closed leaves a new one.
func (t *ExploreTabs) Close(i int) {
	if i < 0 || i >= len(t.Views) {
		return
	}
	t.Views[i].Close()
	t.Views = slices.Delete(t.Views, i, i+1)
	t.titles = slices.Delete(t.titles, i, i+1)
	t.Tabs.RemoveIndex(i)
	if len(t.Views) == 0 {
		t.add(t.newView(), "")
		t.Tabs.SelectIndex(0)
	}
	t.selected()
}

// CloseCurrent closes the tab on show.
func (t *ExploreTabs) CloseCurrent() { t.Close(t.Tabs.SelectedIndex()) }

// Step shows the next tab (1) or the previous one (-1), round.
func (t *ExploreTabs) Step(dir int) {
	n := len(t.Views)
	if n > 1 {
		t.Tabs.SelectIndex(((t.Tabs.SelectedIndex()+dir)%n + n) % n)
	}
}

// Current is the browser on show.
func (t *ExploreTabs) Current() *BrowserView {
	i := t.Tabs.SelectedIndex()
	if i < 0 || i >= len(t.Views) {
		return t.Views[0]
	}
	return t.Views[i]
}

// selected lets the tab on show load, tells the main view, and keeps the
// open tabs for the next start.
func (t *ExploreTabs) selected() {
	v := t.Current()
	if t.OnCurrent != nil {
		t.OnCurrent(v)
	}
	v.Activate()
	t.keep()
}

// SetConnected follows the connection's state in every tab.
func (t *ExploreTabs) SetConnected(on bool) {
	t.connected = &on
	for _, v := range t.Views {
		v.SetConnected(on)
	}
}

// ran records a search in the history and names its tab after it.
func (t *ExploreTabs) ran(v *BrowserView, q query.Query, rows int) {
	i := slices.Index(t.Views, v)
	if i < 0 {
		return
	}
	t.retitle(i)
	name, at := t.profile.Name, t.deps.Now()
	t.disk.do(func() error { return t.store.AddHistory(name, q, at, rows) })
	t.keep()
}

// Named gives a tab the name of the saved query it shows.
func (t *ExploreTabs) Named(v *BrowserView, name string) {
	if i := slices.Index(t.Views, v); i >= 0 {
		t.titles[i] = name
		t.retitle(i)
	}
}

func (t *ExploreTabs) retitle(i int) {
	title := t.titles[i]
	if title == "" {
		title = t.Views[i].tabTitle()
	}
	if item := t.Tabs.Items[i]; item.Text != title {
		item.Text = title
		t.Tabs.Refresh()
	}
}

// keep saves the open tabs' queries, in the background.
func (t *ExploreTabs) keep() {
	open := make([]query.Query, len(t.Views))
	for i, v := range t.Views {
		open[i] = v.Query()
	}
	tabs, name := query.Tabs{Open: open, Current: max(0, t.Tabs.SelectedIndex())}, t.profile.Name
	t.disk.do(func() error { return t.store.SaveTabs(name, tabs) })
}

// CloseAll ends every tab's requests and waits for the disk.
func (t *ExploreTabs) CloseAll() {
	for _, v := range t.Views {
		v.Close()
	}
	t.disk.wait()
}

// diskQueue writes in order, off the UI goroutine: a slow disk never
// holds a frame, and a later write never lands before an earlier one.
type diskQueue struct {
	mu      sync.Mutex
	pending []func() error
	running bool
	idle    *sync.Cond
	fail    func(error)
}

func newDiskQueue(fail func(error)) *diskQueue {
	q := &diskQueue{fail: fail}
	q.idle = sync.NewCond(&q.mu)
	return q
}

func (q *diskQueue) do(f func() error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = append(q.pending, f)
	if !q.running {
		q.running = true
		go q.run()
	}
}

func (q *diskQueue) run() {
	for {
		q.mu.Lock()
		if len(q.pending) == 0 {
			q.running = false
			q.idle.Broadcast()
			q.mu.Unlock()
			return
		}
		f := q.pending[0]
		q.pending = q.pending[1:]
		q.mu.Unlock()
		if err := f(); err != nil && q.fail != nil {
			q.fail(err)
		}
	}
}

// wait returns once everything asked is written (on close).
func (q *diskQueue) wait() {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.running {
		q.idle.Wait()
	}
}
