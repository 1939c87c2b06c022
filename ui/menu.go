package ui

import (
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
	closeWindow := func() { u.Window.Close() }
	refresh := u.RefreshProjects
	file := fyne.NewMenu(lang.L("File"),
		item(lang.L("New connection"), fyne.KeyN, ctrl, u.Main.ShowNewForm),
		item(lang.L("Close window"), fyne.KeyW, ctrl, closeWindow),
	)
	view := fyne.NewMenu(lang.L("View"),
		item(lang.L("Find projects"), fyne.KeyF, ctrl, u.FocusProjectSearch),
		item(lang.L("Refresh projects"), fyne.KeyR, ctrl, refresh),
		fyne.NewMenuItem(lang.L("Activity"), u.ShowActivity),
	)
	help := fyne.NewMenu(lang.L("Help"),
		fyne.NewMenuItem(lang.L("How to set up Workfront"), u.ShowSetupGuide),
	)
	u.Window.SetMainMenu(fyne.NewMainMenu(file, view, help))
	// F5 and Ctrl+Q have no menu item of their own.
	c := u.Window.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF5}, func(fyne.Shortcut) { refresh() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: ctrl}, func(fyne.Shortcut) { closeWindow() })
}

// FocusProjectSearch shows the Projects tab and focuses its search box.
func (u *App) FocusProjectSearch() {
	m := u.Main
	if m.Projects == nil {
		return
	}
	m.ShowProjects()
	u.Window.Canvas().Focus(m.Projects.Search)
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
