package ui

import (
	"fmt"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Preference keys: UI state only, never secrets.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// installMenu adds the main menu. Its shortcuts work while an entry has
// focus, which canvas-level shortcuts alone do not.
func (u *App) installMenu() {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, mod fyne.KeyModifier, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		return it
	}
	refresh := u.RefreshProjects
	quit := func() { u.Main.leave(u.Quit) }
	file := fyne.NewMenu(lang.L("File"),
		item(lang.L("New connection"), fyne.KeyN, ctrl, func() { u.Main.leave(u.Main.ShowNewForm) }),
		item(lang.L("Save"), fyne.KeyS, ctrl, u.SaveForm),
		fyne.NewMenuItem(lang.L("Open demo workspace"), u.Main.OpenDemo),
		fyne.NewMenuItem(lang.L("Open the Machine to Machine demo (JWT)"), u.Main.OpenMachineDemo),
		fyne.NewMenuItem(lang.L("Open the demo sandbox (to compare with)"), u.Main.OpenSandboxDemo),
		fyne.NewMenuItemSeparator(),
		// Ctrl+W closes Explore's tab there (the Query menu), the window elsewhere.
		fyne.NewMenuItem(lang.L("Close window"), quit),
	)
	// Fyne adds Quit to the File menu by itself; give it Ctrl+Q, so that
	// it works while a text field has focus too.
	quitItem := item(lang.L("Quit"), fyne.KeyQ, ctrl, quit)
	quitItem.IsQuit = true
	file.Items = append(file.Items, quitItem)
	view := fyne.NewMenu(lang.L("View"),
		item(lang.L("Find projects"), fyne.KeyF, ctrl, u.FocusProjectSearch),
		item(lang.L("Refresh projects"), fyne.KeyR, ctrl, refresh),
		item(lang.L("Go to an ID or link"), fyne.KeyL, ctrl, u.FocusFindID),
		fyne.NewMenuItem(lang.L("Activity"), u.ShowActivity),
	)
	view.Items = append(view.Items, u.tabMenuItems(item)...)
	help := fyne.NewMenu(lang.L("Help"),
		fyne.NewMenuItem(lang.L("How to set up Workfront"), u.ShowSetupGuide),
		fyne.NewMenuItem(lang.L("About Workfront Connect"), u.ShowAbout),
	)
	u.Window.SetMainMenu(fyne.NewMainMenu(file, view, u.queryMenu(item), help))
	u.installKeys(refresh)
}

// Quit saves the window's size, stops background work and ends the app:
// the same on every way out (the close button, Ctrl+W, Ctrl+Q, SIGTERM).
func (u *App) Quit() {
	u.rememberSize()
	u.Main.close()
	if u.Opts.OnQuit != nil {
		u.Opts.OnQuit()
	}
	u.App.Quit()
}

// BringToFront shows the window and asks for focus (a second launch).
func (u *App) BringToFront() {
	u.Window.Show()
	u.Window.RequestFocus()
}

// SaveForm saves the shown connection form (Ctrl+S).
func (u *App) SaveForm() {
	if f := u.Main.Form; f != nil {
		f.Save()
	}
}

// Version is the app's version, shown in Help > About; main sets it.
var Version = "dev"

// ShowAbout shows the version and where to learn more.
func (u *App) ShowAbout() {
	heading := widget.NewLabelWithStyle(lang.L("Workfront Connect")+" "+Version, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(lang.L("Connect to Adobe Workfront and explore it: sign in with OAuth2, keep your tokens in the system keyring, browse your projects. Scripts use the same connections through the wfconnect command."))
	text.Wrapping = fyne.TextWrapWord
	built := widget.NewLabel(fmt.Sprintf(lang.L("Built with Go %s and Fyne. Secrets are kept in: %s."), strings.TrimPrefix(runtime.Version(), "go"), storageName(u.Backend.Storage())))
	built.Wrapping = fyne.TextWrapWord
	built.SizeName = theme.SizeNameCaptionText
	guide := widget.NewButtonWithIcon(lang.L("How to set up Workfront"), theme.HelpIcon(), u.ShowSetupGuide)
	box := container.NewVBox(heading, text, built, container.NewHBox(guide))
	dialog.ShowCustom(lang.L("About Workfront Connect"), lang.L("Close"), container.NewGridWrap(fyne.NewSize(460, 220), box), u.Window)
}

// FocusProjectSearch shows the Projects tab and focuses its search box.
func (u *App) FocusProjectSearch() {
	m := u.Main
	if m.Tabs == nil {
		return
	}
	m.ShowProjects() // builds it the first time
	u.Window.Canvas().Focus(m.Projects.Search)
}

// FocusFindID shows the explorer with the cursor in its Go to an ID box
// (Ctrl+L), from wherever the person is.
func (u *App) FocusFindID() {
	m := u.Main
	if m.Tabs == nil {
		return
	}
	m.Tabs.Select(m.exploreTab) // builds it the first time
	if m.Explore != nil {
		u.Window.Canvas().Focus(m.Explore.FindID)
	}
}

// RefreshProjects reloads the shown page of projects.
func (u *App) RefreshProjects() {
	if p := u.Main.Projects; p != nil {
		p.activated = true
		p.Reload()
	}
}

// restoreSize applies the remembered window size.
func (u *App) restoreSize() {
	prefs := u.App.Preferences()
	w, h := prefs.FloatWithFallback(prefWidth, 1040), prefs.FloatWithFallback(prefHeight, 680)
	u.Window.Resize(fyne.NewSize(float32(max(w, 640)), float32(max(h, 420))))
}

func (u *App) rememberSize() {
	size := u.Window.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		u.App.Preferences().SetFloat(prefWidth, float64(size.Width))
		u.App.Preferences().SetFloat(prefHeight, float64(size.Height))
	}
}

// SetupGuide explains what to register in Workfront.
type SetupGuide struct {
	RedirectURI *widget.Entry
	CopyButton  *widget.Button
	Content     fyne.CanvasObject
}

// NewSetupGuide builds the guide around a redirect URL to register.
func NewSetupGuide(u *App, redirect string) *SetupGuide {
	g := &SetupGuide{}
	g.RedirectURI = widget.NewEntry()
	g.RedirectURI.SetText(redirect)
	g.CopyButton = widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), func() {
		u.App.Clipboard().SetContent(g.RedirectURI.Text)
	})
	step := func(n, text string) fyne.CanvasObject {
		l := widget.NewLabel(n + "  " + text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	g.Content = container.NewVBox(
		step("1.", lang.L("In Workfront: Setup > System > OAuth2 Applications > Create app integration. Choose Web Application (authorization code with a client secret) or Single Page Web Application (PKCE, no secret).")),
		step("2.", lang.L("Copy the Client ID and, for a Web Application, the client secret. Workfront shows the secret once: keep it until you have saved it here.")),
		step("3.", lang.L("Add this redirect URL to the app:")),
		container.NewBorder(nil, nil, nil, g.CopyButton, g.RedirectURI),
		step("4.", lang.L("Choose the refresh token settings. With rotation on, every refresh returns a new refresh token; wfconnect saves it at once. The absolute and inactivity expiration decide how long you stay connected before you must click Connect again.")),
		step("", lang.L("If Workfront refuses a loopback URL (http://127.0.0.1:…), register any https URL you control instead. After you click Allow, the browser lands there; paste that page's address into wfconnect within 2 minutes.")),
	)
	return g
}

// ShowSetupGuide opens the guide in a dialog.
func (u *App) ShowSetupGuide() {
	redirect := DefaultRedirectURI
	if f := u.Main.Form; f != nil && f.RedirectURI.Text != "" {
		redirect = f.RedirectURI.Text
	}
	g := NewSetupGuide(u, redirect)
	d := dialog.NewCustom(lang.L("How to set up Workfront"), lang.L("Close"), container.NewGridWrap(fyne.NewSize(560, 420), container.NewVScroll(g.Content)), u.Window)
	d.Show()
}
