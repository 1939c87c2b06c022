package ui

import (
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workspace"
)

// TestScreenshots renders the README's screenshots with Fyne's software
// renderer, against the real workspace and the in-process simulator (the
// demo). It runs only when WFCONNECT_SCREENSHOTS names an output directory
// (make screenshots); WFCONNECT_SCREENSHOTS_LANG picks the language.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("WFCONNECT_SCREENSHOTS")
	if dir == "" {
		t.Skip("writes the README's screenshots: run make screenshots")
	}
	suffix := ""
	if l := os.Getenv("WFCONNECT_SCREENSHOTS_LANG"); l != "" && l != "en" {
		suffix = "-" + l
	}
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	ws, err := workspace.Open(workspace.Options{Dir: t.TempDir(), Secrets: store.NewMemory(), CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	q := newUIQueue()
	u := New(a, ws, Options{Do: q.do, OpenURL: func(url string) error {
		go func() { // the person clicks Allow in the browser
			if to, err := wfsim.Consent(http.DefaultClient, url, true); err == nil {
				if resp, err := http.Get(to); err == nil {
					resp.Body.Close()
				}
			}
		}()
		return nil
	}})
	variant := theme.VariantLight
	if os.Getenv("WFCONNECT_SCREENSHOTS_VARIANT") == "dark" {
		variant = theme.VariantDark
		suffix += "-dark"
	}
	a.Settings().SetTheme(variantTheme{newAppTheme(), variant})
	u.Window.Resize(fyne.NewSize(1040, 680))
	shot := func(name string) {
		q.drain()
		img := u.Window.Canvas().Capture()
		f, err := os.Create(filepath.Join(dir, name+suffix+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	m := u.Main
	q.until(t, "the empty state", func() bool { return m.loaded })
	shot("empty-state")

	m.ShowNewForm()
	f := m.Form
	f.Name.SetText("Acme production")
	f.Domain.SetText("acme")
	f.ClientID.SetText("3f9c2a7e51d04b8f")
	f.ClientSecret.SetText("xxxxxxxxxxxxxxxx")
	shot("profile-form")

	m.StartDemo()
	q.until(t, "the demo", func() bool { return m.Conn != nil && m.Conn.status.State != "" })
	m.Conn.Connect() // the demo also connects by itself
	q.until(t, "connected", func() bool { return m.Conn.status.State == "connected" })
	q.until(t, "who is signed in", func() bool { return m.Conn.SignedInAs.Text != "—" })
	shot("connected")

	m.ShowProjects()
	m.Projects.Activate()
	q.until(t, "projects", func() bool { return len(m.Projects.Grid.Objects) > 0 })
	m.Projects.Grid.Table.Select(widgetCell(2, 0))
	time.Sleep(50 * time.Millisecond)
	shot("projects")

	m.Tabs.Select(m.exploreTab)
	q.until(t, "tasks", func() bool { return m.Explore.objCode == "TASK" && len(m.Explore.Grid.Objects) > 0 })
	m.Explore.Select(1)
	q.until(t, "the task's details", func() bool { return len(m.Explore.Grid.Details.Objects) > 3 })
	shot("explore")

	m.Tabs.Select(m.reportsTab)
	q.until(t, "the report", func() bool { return len(m.Reports.Chart.Bars) > 0 })
	shot("reports")
	m.Reports.Preset.SetSelectedIndex(2) // hours by project
	q.until(t, "hours by project", func() bool { return m.Reports.Report.Query.ObjCode == "HOUR" && len(m.Reports.Chart.Bars) > 0 })
	shot("reports-hours")

	// The demo's Machine to Machine connection (File menu): a key pair made
	// here, its public key pasted into the simulated Workfront, no browser.
	m.OpenMachineDemo()
	q.until(t, "JWT connected", func() bool {
		return m.Conn != nil && m.Conn.profile.Name == workspace.DemoMachineName && m.Conn.status.State == "connected"
	})
	q.until(t, "who the integration is", func() bool { return m.Conn.SignedInAs.Text != "—" && m.Conn.PublicKeyBox.Visible() })
	u.Window.Resize(fyne.NewSize(1040, 900)) // tall enough for the public key
	shot("jwt-connection")
}

// variantTheme shows a theme in one variant whatever the system says.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(name, v.variant)
}
