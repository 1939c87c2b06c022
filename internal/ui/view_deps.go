package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// browseBackend is what the browsing views ask of the rest of the app.
type browseBackend interface {
	Objects(name string) (workspace.ObjectSource, error)
	ObjectTypes(ctx context.Context, name string, refresh bool) ([]workfront.ObjectType, error)
	TypeMetadata(ctx context.Context, name, objCode string, refresh bool) (workfront.TypeMeta, error)
	Report(ctx context.Context, name string, q workfront.ReportQuery) (workfront.Report, error)
	writeBackend
	// Queries keeps the saved queries, the history and the open tabs.
	Queries() *query.Store
}

// viewDeps is all a browsing view gets: its backend, a clock, the way back
// to the UI goroutine, the window for its dialogs, the preferences it
// remembers choices in, and callbacks for what it asks of others.
type viewDeps struct {
	Context     context.Context // closed when the connection is closed
	Backend     browseBackend
	Now         func() time.Time
	AfterFunc   func(d time.Duration, f func()) Timer
	Do          func(func())
	SearchDelay time.Duration // the search box's debounce
	OpenURL     func(string) error
	Window      fyne.Window // dialogs only
	Prefs       fyne.Preferences
	Clipboard   func(string)
	Toast       func(string)
	// OnReport shows a report on a search; OnOpenScope explores one;
	// OnConnect starts the connection's sign-in.
	OnReport    func(objCode string, filters []workfront.Filter, title string)
	OnOpenScope func(objCode string, scope []workfront.Filter, title string)
	OnConnect   func()
	// OnOpenQuery opens a query in a new Explore tab; OnShown hears of
	// each object whose details are shown (the palette lists them).
	OnOpenQuery func(q query.Query, title string)
	OnShown     func(objCode, id, name string)
	// WriteMode is the connection's write mode now; OnChangeWrites asks
	// for another.
	WriteMode      func() edit.Mode
	OnChangeWrites func()
}
