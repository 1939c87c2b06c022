package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/usage"
	"github.com/wfconnect/wfconnect/workfront"
)

// adminBackend is what the admin tools ask of the rest of the app.
type adminBackend interface {
	ObjectTypes(ctx context.Context, name string, refresh bool) ([]workfront.ObjectType, error)
	CompareForms(ctx context.Context, a, b string) ([]compare.Node, error)
	CompareTypes(ctx context.Context, a, b string) ([]compare.Node, error)
	CompareVersions(ctx context.Context, name, versionA, versionB string) ([]compare.Node, error)
	CompareObjects(ctx context.Context, a, b, objCode, idA, idB string) ([]compare.Node, error)
	FieldUsage(ctx context.Context, name, objCode string, customOnly bool, progress func(done, total int)) ([]usage.Field, error)
	subscriptionBackend
}

// adminDeps are all the admin tools get: the shown connection, the others
// it can be compared with, and the way back to the UI goroutine.
type adminDeps struct {
	Context context.Context // closed when the connection is closed
	Backend adminBackend
	Profile store.Profile
	Others  func() []string // every connection's name, this one included
	Do      func(func())
	Window  fyne.Window // dialogs only
	Toast   func(string)
	// Mode is the connection's write mode now (subscriptions are writes);
	// OnChangeMode asks for another.
	Mode         func() edit.Mode
	OnChangeMode func()
	// OnConnect starts the connection's sign-in (a Reconnect button).
	OnConnect func()
	// ModeOf is another connection's write mode, for a copy to it.
	ModeOf func(name string) edit.Mode
}

// AdminView is the connection's admin tools: compare it with another
// connection or API version, field usage, event subscriptions.
type AdminView struct {
	Compare       *CompareView
	Usage         *UsageView
	Subscriptions *SubscriptionsView
	Tabs          *container.AppTabs
	Content       fyne.CanvasObject
}

func newAdminView(deps adminDeps) *AdminView {
	a := &AdminView{
		Compare:       newCompareView(deps),
		Usage:         newUsageView(deps),
		Subscriptions: newSubscriptionsView(deps),
	}
	subs := container.NewTabItemWithIcon(lang.L("Event subscriptions"), theme.MailSendIcon(), a.Subscriptions.Content)
	a.Tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Compare"), theme.ContentCopyIcon(), a.Compare.Content),
		container.NewTabItemWithIcon(lang.L("Field usage"), theme.ListIcon(), a.Usage.Content),
		subs)
	a.Tabs.OnSelected = func(t *container.TabItem) {
		switch t {
		case subs:
			a.Subscriptions.Activate()
		default:
			a.Usage.Activate()
		}
	}
	a.Content = a.Tabs
	return a
}

// Activate loads what the shown tool needs the first time it is shown.
func (a *AdminView) Activate() {
	a.Compare.Activate()
	a.Usage.Activate()
}
