package ui

import (
	"context"
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/assets"
	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// MainView is the window's content: the profile list on the left and the
// selected profile (or the empty state, or the form) on the right.
type MainView struct {
	ui *App

	List      *widget.List
	AddButton *widget.Button
	Empty     *EmptyState
	Detail    *fyne.Container
	Content   fyne.CanvasObject
	// Toast says briefly what an action did ("Saved …"), over the view.
	Toast *widget.Label // the toast's words, for tests
	toast *toastBubble

	// The selected profile's screens; nil when none is shown.
	Form     *ProfileForm
	Conn     *ConnectionPanel
	Projects *BrowserView
	Explore  *BrowserView // the Explore tab on show
	// ExploreTabs are Explore's query tabs.
	ExploreTabs *ExploreTabs
	// Palette is the command palette last opened, for tests; recent are
	// the objects shown lately, which it lists.
	Palette *CommandPalette
	recent  []recentObject
	Reports *ReportsView
	History *HistoryView
	Admin   *AdminView
	// ModeDialog is the open write mode dialog, for tests.
	ModeDialog *modeDialog
	Tabs       *container.AppTabs
	// The tabs, referred to by their items, not by index.
	connectionTab, projectsTab, exploreTab, reportsTab, historyTab, adminTab, settingsTab *container.TabItem
	// shown is the profile on show; browsable and stateKnown are the
	// last state its connection panel told (for a view built later).
	shown                 store.Profile
	browsable, stateKnown bool
	// shownCtx is the context of the connection on show, the owner's
	// context of its views; endShown ends it when the connection is left.
	shownCtx context.Context
	endShown context.CancelFunc
	// LeaveDialog is the unsaved-changes question while it is shown.
	LeaveDialog *LeaveDialog

	profiles []store.Profile
	selected string
	loaded   bool
	// afterShow runs once the next profile is shown (e.g. back to Settings).
	afterShow func()
	toastSeq  int
	// states is each connection's token state, for the sidebar's dots.
	states map[string]auth.State
}

func newMainView(u *App) *MainView {
	m := &MainView{ui: u, states: map[string]auth.State{}}
	m.Empty = newEmptyState(m.ShowNewForm, m.StartDemo, u.ShowSetupGuide)
	m.List = widget.NewList(
		func() int { return len(m.profiles) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("") // filled in by the list
			name.TextStyle.Bold = true
			name.Truncation = fyne.TextTruncateEllipsis
			// One label for the two small lines: a label's padding each
			// would make the rows half as tall again.
			place := widget.NewLabel("\n")
			place.SizeName = theme.SizeNameCaptionText
			place.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, newStateDot(), nil, container.NewVBox(name, place))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(m.profiles) {
				return
			}
			p := m.profiles[id]
			row := sidebarRowOf(p, m.states[p.Name], m.ui.modes.of(p), p.Name == m.selected && m.Form != nil && m.Form.Dirty())
			item := o.(*fyne.Container)
			item.Objects[1].(*StateDot).SetState(row.Dot)
			box := item.Objects[0].(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(row.Name)
			box.Objects[1].(*widget.Label).SetText(row.Place + "\n" + row.Host)
		},
	)
	m.List.OnSelected = m.onSelected
	m.AddButton = widget.NewButtonWithIcon(lang.L("Add connection"), theme.ContentAddIcon(), func() { m.leave(m.ShowNewForm) })
	m.AddButton.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle(lang.L("Connections"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(container.NewVBox(title, m.AddButton), nil, nil, nil, m.List)
	m.Detail = container.NewStack(widget.NewLabel(lang.L("Loading…")))
	m.toast = newToastBubble()
	m.Toast = m.toast.Label
	split := container.NewHSplit(left, m.toast.over(m.Detail))
	split.Offset = 0.24
	m.Content = split
	return m
}

// sidebarRow is what a connection's row in the sidebar shows.
type sidebarRow struct {
	Dot   auth.State
	Name  string // marked when the shown form has unsaved edits
	Place string // the environment, and the write mode beside it
	Host  string
}

// sidebarRowOf decides a connection's row in the sidebar.
func sidebarRowOf(p store.Profile, state auth.State, mode edit.Mode, unsaved bool) sidebarRow {
	name := displayName(p)
	if unsaved {
		name = "* " + name // unsaved changes, as editors mark them
	}
	return sidebarRow{Dot: state, Name: name, Place: placeLabel(p, mode), Host: hostOf(p)}
}

// placeLabel is the connection's environment, so that nobody mistakes a
// sandbox for production, with its write mode beside it.
func placeLabel(p store.Profile, mode edit.Mode) string {
	return lang.L(workfront.LaneLabel(p.Host)) + " · " + modeText(mode)
}

// hostOf is the sidebar's line for where the connection goes.
func hostOf(p store.Profile) string {
	if p.Demo {
		return lang.L("on this computer")
	}
	return trimScheme(p.Host)
}

func trimScheme(host string) string {
	for _, prefix := range []string{"https://", "http://"} {
		if len(host) > len(prefix) && host[:len(prefix)] == prefix {
			return host[len(prefix):]
		}
	}
	return host
}

// Reload reads the profiles in the background, then selects `selectName`
// (or keeps the current selection).
func (m *MainView) Reload(selectName string) {
	background(m.ui, m.ui.Backend.Profiles, func(list []store.Profile, err error) {
		m.loaded = true
		if err != nil {
			// A damaged file has been kept aside by store; the list is empty now.
			showError(m.ui, err)
		}
		m.profiles = list
		m.List.Refresh()
		m.loadStates(list)
		want := selectName
		if want == "" {
			want = m.selected
		}
		if i := m.indexOf(want); i >= 0 {
			// Shown from what was saved, not from the list's selection: a
			// renamed connection keeps its row, and Select would not fire.
			m.selected = ""
			m.ShowProfile(want)
			m.List.Select(i)
			return
		}
		m.selected = ""
		m.List.UnselectAll()
		if len(m.profiles) == 0 {
			m.show(m.Empty.Content)
		} else {
			m.List.Select(0)
		}
	})
}

func (m *MainView) indexOf(name string) int {
	for i, p := range m.profiles {
		if name != "" && p.Name == name {
			return i
		}
	}
	return -1
}

func (m *MainView) profile(name string) (store.Profile, bool) {
	if i := m.indexOf(name); i >= 0 {
		return m.profiles[i], true
	}
	return store.Profile{}, false
}

func (m *MainView) show(o fyne.CanvasObject) {
	m.Detail.Objects = []fyne.CanvasObject{o}
	m.Detail.Refresh()
}

// close stops the background work of the shown screens: their owner's
// context ends, and each view's own.
func (m *MainView) close() {
	if m.endShown != nil {
		m.endShown()
	}
	if m.Conn != nil {
		m.Conn.Close()
	}
	if m.Projects != nil {
		m.Projects.Close()
	}
	if m.ExploreTabs != nil {
		m.ExploreTabs.CloseAll()
	}
	if m.Reports != nil {
		m.Reports.Close()
	}
	m.ExploreTabs = nil
	m.Conn, m.Projects, m.Explore, m.Reports, m.History, m.Admin, m.Form, m.Tabs = nil, nil, nil, nil, nil, nil, nil, nil
}

// stateWaiting is the sidebar's state while a sign-in waits for consent.
const stateWaiting auth.State = "waiting"

// loadStates reads every connection's token state in the background (the
// keyring may be slow) for the sidebar's dots.
func (m *MainView) loadStates(list []store.Profile) {
	for _, p := range list {
		name := p.Name
		background(m.ui, func() (auth.Status, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			return m.ui.Backend.Status(ctx, name)
		}, func(st auth.Status, err error) {
			if err != nil {
				st.State = auth.StateUnknown
			}
			if m.states[name] != stateWaiting {
				m.setState(name, st.State)
			}
		})
	}
}

// setState updates one connection's dot in the sidebar.
func (m *MainView) setState(name string, s auth.State) {
	if m.states[name] == s {
		return
	}
	m.states[name] = s
	m.List.Refresh()
}

// StateDot is a connection's state in the sidebar: a filled circle in the
// state's colour, or a hollow one when not connected. It is drawn, not a
// character: the bundled font has no large dot, and a missing glyph makes
// Fyne load a system font.
type StateDot struct {
	widget.BaseWidget
	circle *canvas.Circle
	// State is the state shown, for tests.
	State auth.State
}

func newStateDot() *StateDot {
	d := &StateDot{circle: canvas.NewCircle(color.Transparent)}
	d.circle.StrokeWidth = 1.5
	d.ExtendBaseWidget(d)
	d.SetState("")
	return d
}

// SetState colours the dot for a state.
func (d *StateDot) SetState(s auth.State) {
	d.State = s
	c := theme.Color(theme.ColorNameDisabled)
	switch stateImportance(s) {
	case widget.SuccessImportance:
		c = theme.Color(theme.ColorNameSuccess)
	case widget.WarningImportance:
		c = theme.Color(theme.ColorNameWarning)
	case widget.DangerImportance:
		c = theme.Color(theme.ColorNameError)
	}
	d.circle.StrokeColor = c
	d.circle.FillColor = c
	if s == auth.StateNotConnected || s == "" || s == auth.StateUnknown {
		d.circle.FillColor = color.Transparent
	}
	d.circle.Refresh()
}

func (d *StateDot) CreateRenderer() fyne.WidgetRenderer {
	return &stateDotRenderer{d}
}

type stateDotRenderer struct{ d *StateDot }

func (r *stateDotRenderer) Layout(size fyne.Size) {
	const diameter = 10
	r.d.circle.Resize(fyne.NewSize(diameter, diameter))
	r.d.circle.Move(fyne.NewPos((size.Width-diameter)/2, (size.Height-diameter)/2))
}
func (r *stateDotRenderer) MinSize() fyne.Size           { return fyne.NewSize(22, 22) }
func (r *stateDotRenderer) Refresh()                     { r.d.SetState(r.d.State) }
func (r *stateDotRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.d.circle} }
func (r *stateDotRenderer) Destroy()                     {}

// stateImportance is the colour of a token state.
func stateImportance(s auth.State) widget.Importance {
	switch s {
	case auth.StateConnected:
		return widget.SuccessImportance
	case auth.StateExpired, auth.StateUnknown, stateWaiting:
		return widget.WarningImportance
	case auth.StateNeedsConsent:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func (m *MainView) onSelected(id widget.ListItemID) {
	if id >= len(m.profiles) || m.profiles[id].Name == m.selected {
		return
	}
	name := m.profiles[id].Name
	m.leave(func() { m.ShowProfile(name) })
}

// leave runs next after asking what to do with unsaved edits in the form:
// Save, Discard or Cancel (which stays, the list's selection put back).
func (m *MainView) leave(next func()) {
	f := m.Form
	if f == nil || !f.Dirty() || f.orig.Demo {
		next()
		return
	}
	stay := func() {
		if i := m.indexOf(m.selected); i >= 0 {
			m.List.Select(i)
		} else {
			m.List.UnselectAll()
		}
	}
	var d dialog.Dialog
	save := widget.NewButton(lang.L("Save"), func() { d.Hide(); stay(); f.Save() })
	save.Importance = widget.HighImportance
	discard := widget.NewButton(lang.L("Discard"), func() { d.Hide(); f.touched = map[string]bool{}; next() })
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.Hide(); stay() })
	text := widget.NewLabel(lang.L("This connection has changes that are not saved."))
	d = dialog.NewCustomWithoutButtons(lang.L("Unsaved changes"), container.NewVBox(text, container.NewHBox(save, discard, cancel)), m.ui.Window)
	m.LeaveDialog = &LeaveDialog{Save: save, Discard: discard, Cancel: cancel}
	d.Show()
}

// LeaveDialog holds the buttons of the unsaved-changes question, for tests.
type LeaveDialog struct{ Save, Discard, Cancel *widget.Button }

// Saved shows a connection just saved, on the tab the person saved it from,
// with a visible confirmation; with connect, on its Connection tab, signing
// in.
func (m *MainView) Saved(p store.Profile, fromSettings, connect bool) {
	switch {
	case connect:
		m.afterShow = func() { m.Tabs.Select(m.connectionTab); m.Conn.Connect() }
	case fromSettings:
		m.afterShow = func() { m.Tabs.Select(m.settingsTab) }
	}
	m.ShowToast(fmt.Sprintf(lang.L("Saved %q."), p.Name))
	m.Reload(p.Name)
}

// ShowToast shows a short confirmation over the view for a few seconds,
// taking no room from it.
func (m *MainView) ShowToast(text string) {
	m.toastSeq++
	seq := m.toastSeq
	m.toast.show(text)
	m.ui.Opts.AfterFunc(4*time.Second, func() {
		m.ui.Opts.Do(func() {
			if seq == m.toastSeq {
				m.toast.hide()
			}
		})
	})
}

// ShowNewForm shows an empty profile form.
func (m *MainView) ShowNewForm() {
	m.showForm(newProfileForm(m.formDeps(), store.Profile{}, formAdd))
}

// ShowDuplicateForm shows the form prefilled from an existing profile.
func (m *MainView) ShowDuplicateForm(p store.Profile) {
	m.showForm(newProfileForm(m.formDeps(), p, formDuplicate))
}

func (m *MainView) showForm(f *ProfileForm) {
	m.close()
	m.selected = ""
	m.List.UnselectAll()
	m.Form = f
	m.show(f.Content)
	m.ui.Window.Canvas().Focus(f.Name)
}

// ShowProfile shows a saved profile: its connection, projects and settings.
func (m *MainView) ShowProfile(name string) {
	p, ok := m.profile(name)
	if !ok {
		return
	}
	m.close()
	m.selected = name
	m.shown, m.stateKnown = p, false
	m.shownCtx, m.endShown = context.WithCancel(context.Background())
	m.Conn = newConnectionPanel(m.connectionDeps(), p)
	m.Form = newProfileForm(m.formDeps(), p, formEdit)
	m.Form.Changed = m.List.Refresh // the unsaved-changes dot
	m.connectionTab = container.NewTabItemWithIcon(lang.L("Connection"), theme.AccountIcon(), m.Conn.Content)
	// Projects, Explore and Reports are built when first shown: a start
	// that shows the connection builds none of them.
	m.projectsTab = container.NewTabItemWithIcon(lang.L("Projects"), theme.ListIcon(), layout.NewSpacer())
	m.exploreTab = container.NewTabItemWithIcon(lang.L("Explore"), theme.SearchIcon(), layout.NewSpacer())
	m.reportsTab = container.NewTabItemWithIcon(lang.L("Reports"), theme.GridIcon(), layout.NewSpacer())
	m.settingsTab = container.NewTabItemWithIcon(lang.L("Settings"), theme.SettingsIcon(), m.Form.Content)
	m.historyTab = container.NewTabItemWithIcon(lang.L("History"), theme.HistoryIcon(), layout.NewSpacer())
	m.adminTab = container.NewTabItemWithIcon(lang.L("Admin"), theme.StorageIcon(), layout.NewSpacer())
	m.Tabs = container.NewAppTabs(m.connectionTab, m.projectsTab, m.exploreTab, m.reportsTab, m.historyTab, m.adminTab, m.settingsTab)
	m.Tabs.OnSelected = m.tabShown
	m.show(m.Tabs)
	m.List.Refresh()
	m.Conn.Start()
	if then := m.afterShow; then != nil {
		m.afterShow = nil
		then()
	}
}

// tabShown builds a tab's view the first time it is shown, then lets it
// load what it shows.
func (m *MainView) tabShown(t *container.TabItem) {
	built := false
	switch t {
	case m.projectsTab:
		if m.Projects == nil {
			m.Projects, built = m.newBrowserTab(t, projectsPreset()), true
		}
		m.Projects.Activate()
	case m.exploreTab:
		if m.ExploreTabs == nil {
			m.showExploreTabs(t)
			built = true
		}
		m.ExploreTabs.Current().Activate()
	case m.historyTab:
		built = m.showHistory(t)
	case m.adminTab:
		built = m.showAdmin(t)
	case m.reportsTab:
		if m.Reports == nil {
			m.Reports, built = newReportsView(m.viewDeps(), m.shown), true
			if m.stateKnown {
				m.Reports.SetConnected(m.browsable)
			}
			t.Content = m.Reports.Content
		}
		m.Reports.Activate()
	}
	if built {
		m.Tabs.Refresh()
	}
}

// newBrowserTab builds a browser tab's view, told whether the connection
// is signed in when that is known.
func (m *MainView) newBrowserTab(t *container.TabItem, preset browserPreset) *BrowserView {
	v := newBrowser(m.viewDeps(), m.shown, preset)
	if m.stateKnown {
		v.SetConnected(m.browsable)
	}
	t.Content = v.Content
	return v
}

// ShowProjects switches to the Projects tab of the shown profile.
func (m *MainView) ShowProjects() {
	if m.Tabs != nil {
		m.Tabs.Select(m.projectsTab)
	}
}

// StartDemo starts the simulated Workfront and shows its connection.
func (m *MainView) StartDemo() {
	m.Empty.DemoButton.Disable()
	background(m.ui, m.ui.Backend.StartDemo, func(p store.Profile, err error) {
		m.Empty.DemoButton.Enable()
		if err != nil {
			showError(m.ui, err)
			return
		}
		m.afterShow = func() {
			if m.Conn != nil {
				m.Conn.AutoConnect = true
			}
		}
		m.Reload(p.Name)
	})
}

// OpenDemo leaves the shown view (asking about unsaved edits) and opens the
// demo workspace, starting it when it is not running yet.
func (m *MainView) OpenDemo() { m.leave(m.StartDemo) }

// OpenMachineDemo opens the demo's Machine to Machine (JWT) connection,
// which signs in by itself, without a browser.
func (m *MainView) OpenMachineDemo() { m.openSelfSigningDemo(m.ui.Backend.StartMachineDemo) }

// OpenSandboxDemo opens the demo's sandbox, a second simulated instance
// whose custom forms differ in known ways: the Admin tab compares them.
func (m *MainView) OpenSandboxDemo() { m.openSelfSigningDemo(m.ui.Backend.StartSandboxDemo) }

// openSelfSigningDemo starts a demo connection that signs in by itself
// and shows it, connecting.
func (m *MainView) openSelfSigningDemo(start func() (store.Profile, error)) {
	m.leave(func() {
		background(m.ui, start, func(p store.Profile, err error) {
			if err != nil {
				showError(m.ui, err)
				return
			}
			m.afterShow = func() {
				if m.Conn != nil {
					m.Conn.AutoConnect = true
				}
			}
			m.Reload(p.Name)
		})
	})
}

// EmptyState is what a person sees before adding any connection.
type EmptyState struct {
	AddButton   *widget.Button
	DemoButton  *widget.Button
	GuideButton *widget.Button
	Content     fyne.CanvasObject
}

// newEmptyState is the first screen; its buttons add a connection, start
// the demo or show the setup guide.
func newEmptyState(onAdd, onDemo, onGuide func()) *EmptyState {
	e := &EmptyState{}
	heading := widget.NewLabelWithStyle(lang.L("Add a Workfront connection"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	explain := widget.NewLabel(lang.L("In Workfront, an administrator registers an OAuth2 application: Setup > System > OAuth2 Applications > Create app integration (a Web, Single Page or Machine to Machine application); organizations on Adobe's unified experience can use an OAuth Server-to-Server credential from the Adobe Developer Console instead. Then add the connection here: the form asks for what its kind needs."))
	explain.Wrapping = fyne.TextWrapWord
	explain.Alignment = fyne.TextAlignCenter
	e.AddButton = widget.NewButtonWithIcon(lang.L("Add connection"), theme.ContentAddIcon(), onAdd)
	e.AddButton.Importance = widget.HighImportance
	e.DemoButton = widget.NewButtonWithIcon(lang.L("Try the demo workspace"), theme.MediaPlayIcon(), onDemo)
	demoExplain := widget.NewLabel(lang.L("No Workfront at hand? The demo runs a simulated Workfront on this computer, with 50,000 sample projects."))
	demoExplain.Wrapping = fyne.TextWrapWord
	demoExplain.Alignment = fyne.TextAlignCenter
	demoExplain.SizeName = theme.SizeNameCaptionText
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.IconPNG))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	e.GuideButton = widget.NewButtonWithIcon(lang.L("How to set up Workfront"), theme.HelpIcon(), onGuide)
	e.GuideButton.Importance = widget.LowImportance
	card := container.NewVBox(icon, heading, explain, container.NewCenter(container.NewHBox(e.AddButton, e.DemoButton)), demoExplain, container.NewCenter(e.GuideButton))
	e.Content = container.NewPadded(container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 420), card)))
	return e
}
