// Package ui owns the desktop window: the connection list, the connection
// form per kind, the connection and token panel, the one object browser
// (Explore for any type, Projects as its preset), exports and reports.
// App holds the window and the Backend (everything the rest of the app
// offers); each view gets only the narrow dependencies and callbacks it
// uses, wired in wiring.go, and holds no pointer to another view. Every
// slow call runs in a goroutine, widgets are touched only on Fyne's
// goroutine (fyne.Do), and every screen is a struct whose widgets tests
// can reach.
package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"github.com/pkg/browser"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// Backend is everything the window needs from the rest of the app.
// *workspace.Workspace satisfies it; tests use fakes.
type Backend interface {
	Profiles() ([]store.Profile, error)
	Validate(d workspace.Draft, replacing string) (store.Profile, workspace.FieldErrors)
	Save(d workspace.Draft, replacing string) (store.Profile, error)
	Remove(name string) error
	Begin(ctx context.Context, name string) (workspace.Flow, error)
	Status(ctx context.Context, name string) (auth.Status, error)
	Token(ctx context.Context, name string) (string, error)
	RefreshNow(ctx context.Context, name string) error
	Logout(ctx context.Context, name string) error
	Storage() string
	StartDemo() (store.Profile, error)
	// StartMachineDemo adds the demo's Machine to Machine (JWT) connection.
	StartMachineDemo() (store.Profile, error)
	// StartSandboxDemo adds the demo's sandbox, a second instance to compare with.
	StartSandboxDemo() (store.Profile, error)
	WhoAmI(ctx context.Context, name string) (workfront.Identity, error)
	// SignIn connects a kind without a browser step (jwt, ims).
	SignIn(ctx context.Context, name string) (auth.Status, error)
	// PublicKey is a Machine to Machine connection's public key (PEM).
	PublicKey(name string) (string, error)
	// SetAPIVersion pins a connection to an API version (the version warning's upgrade).
	SetAPIVersion(name, version string) error
	// The explorer: any object type, with the instance's metadata (cached).
	Objects(name string) (workspace.ObjectSource, error)
	ObjectTypes(ctx context.Context, name string, refresh bool) ([]workfront.ObjectType, error)
	TypeMetadata(ctx context.Context, name, objCode string, refresh bool) (workfront.TypeMeta, error)
	// Report runs Workfront's report action (groups, counts, aggregates).
	Report(ctx context.Context, name string, q workfront.ReportQuery) (workfront.Report, error)
	// Writes: the connection's client for changes, its journal, and its
	// saved write mode.
	Writer(name string) (edit.Writer, error)
	Journal(name string) (edit.Journal, error)
	SetWriteMode(name string, m edit.Mode) (store.Profile, error)
	// Queries keeps the saved queries, the history and the open tabs.
	Queries() *query.Store
	// The admin tools: comparisons, field usage, event subscriptions.
	adminBackend
}

// Options tunes the window; zero values are the real thing.
type Options struct {
	// OpenURL opens the system browser; nil uses pkg/browser.
	OpenURL func(url string) error
	// Now is the clock; nil uses time.Now.
	Now func() time.Time
	// AfterFunc runs f after d, for the toast, the debounces and the
	// tooltips; nil uses time.AfterFunc.
	AfterFunc func(d time.Duration, f func()) Timer
	// Tick is how often the token panel redraws its countdown; 0 means 1 s.
	Tick time.Duration
	// StatusEvery is how often the token panel re-reads the stored tokens; 0 means 15 s.
	StatusEvery time.Duration
	// SearchDelay is the debounce of the project search box; 0 means 250 ms.
	SearchDelay time.Duration
	// Activity is the log the Activity window shows; nil hides the window.
	Activity *ActivityLog
	// OnQuit runs as the app begins to quit, on every way out (main starts
	// a watchdog there); nil does nothing.
	OnQuit func()
	// Do runs a function on the UI goroutine; nil uses fyne.Do. Tests queue
	// the calls and run them on the test goroutine, because the test driver's
	// fyne.Do runs them on the caller's goroutine.
	Do func(func())
}

func (o *Options) setDefaults() {
	if o.OpenURL == nil {
		o.OpenURL = browser.OpenURL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.AfterFunc == nil {
		o.AfterFunc = func(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }
	}
	if o.Tick == 0 {
		o.Tick = time.Second
	}
	if o.StatusEvery == 0 {
		o.StatusEvery = 15 * time.Second
	}
	if o.Do == nil {
		o.Do = fyne.Do
	}
	if o.SearchDelay == 0 {
		o.SearchDelay = 250 * time.Millisecond
	}
}

// Timer is a pending AfterFunc; Stop cancels it (*time.Timer satisfies it).
type Timer interface{ Stop() bool }

// App is the desktop app's single window and what it shows.
type App struct {
	App     fyne.App
	Window  fyne.Window
	Backend Backend
	Opts    Options
	Main    *MainView

	ActivityWindow fyne.Window
	Activity       *ActivityView

	// modes are the write modes chosen until the app quits.
	modes sessionModes
}

// New builds the window. It does no slow work itself: profiles load in the
// background after the first frame.
func New(a fyne.App, b Backend, opts Options) *App {
	opts.setDefaults()
	u := &App{App: a, Backend: b, Opts: opts}
	a.Settings().SetTheme(newAppTheme())
	u.Window = a.NewWindow(lang.L("Workfront Connect"))
	u.Main = newMainView(u)
	u.Window.SetContent(u.Main.Content)
	u.restoreSize()
	u.installMenu()
	u.Window.SetCloseIntercept(func() { u.Main.leave(u.Quit) })
	u.Main.Reload("")
	return u
}

// background runs work off the UI goroutine and hands its result back on it.
func background[T any](u *App, work func() (T, error), done func(T, error)) {
	backgroundOn(u.Opts.Do, work, done)
}

// backgroundOn is background for a view that holds only do, the way back
// to the UI goroutine.
func backgroundOn[T any](do func(func()), work func() (T, error), done func(T, error)) {
	go func() {
		v, err := work()
		do(func() { done(v, err) })
	}()
}

// ensure the workfront types stay the ones the views render.
var _ workspace.ObjectSource = (*workfront.Client)(nil)

// latest keeps a view to one request at a time: a newer request cancels
// the older one, and the older one's late answer is dropped. It is owned
// by the UI goroutine.
type latest struct {
	seq    uint64
	cancel context.CancelFunc
}

// next cancels the request in flight and starts one under parent; current
// says, when the answer comes, whether it is still wanted.
func (l *latest) next(parent context.Context) (ctx context.Context, current func() bool) {
	l.drop()
	seq := l.seq
	ctx, l.cancel = context.WithCancel(parent)
	return ctx, func() bool { return seq == l.seq && parent.Err() == nil }
}

// drop cancels the request in flight and ignores its answer if it still comes.
func (l *latest) drop() {
	if l.cancel != nil {
		l.cancel()
	}
	l.seq++
}

// ErrorText is an error as the person reads it, in their language when the
// message is one wfconnect knows.
func ErrorText(err error) string {
	return msg.Localize(err, func(s string) string { return lang.L(s) })
}

// showError shows an error in a dialog, translated.
func showError(u *App, err error) { showErrorIn(u.Window, err) }

// showErrorIn shows err for people in a dialog over w.
func showErrorIn(w fyne.Window, err error) {
	dialog.ShowError(errors.New(ErrorText(err)), w)
}

func asFieldErrors(err error, target *workspace.FieldErrors) bool {
	return err != nil && errors.As(err, target)
}
