package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/workfront"
)

// The explorer's Export…: the search on show (its type, filters, columns
// and sort) written whole to a file, with progress and Cancel. The file
// appears at its path only when complete (export.ToFile writes beside it
// and renames), so nothing that looks complete is left by a cancel or a
// failure, and an existing file is replaced only by a finished export.

// formatLabels name export.Formats() for people, in the same order.
var formatLabels = []string{"CSV (Excel, LibreOffice)", "JSON (one array)", "NDJSON (one object a line)", "Excel workbook (XLSX)"}

// prefExportDir remembers the folder of the last export.
const prefExportDir = "export.folder"

// ExportRun is the export in progress, shown in a dialog.
type ExportRun struct {
	Dialog   dialog.Dialog
	Progress *widget.ProgressBar
	Status   *widget.Label
	Cancel   *widget.Button
	cancel   context.CancelFunc
	// Done is closed when the export has ended (for tests).
	Done chan struct{}
	// Result and Err are the outcome, once Done.
	Result export.Result
	Err    error
}

// exportSource is a view whose search can be exported: the explorer's,
// or the Projects view's preset.
type exportSource struct {
	deps      viewDeps
	ctx       context.Context
	profile   string
	search    workfront.Search
	columns   []string
	typeLabel string
	total     int // -1: not known yet
}

// exportSource is the explorer's search on show, with its columns.
func (v *BrowserView) exportSource() exportSource {
	return exportSource{deps: v.deps, ctx: v.ctx, profile: v.profile.Name, search: v.search(), columns: v.columns, typeLabel: v.typeLabel(v.objCode), total: v.total}
}

// ShowExport asks where to export the search and in which format.
func (v *BrowserView) ShowExport() {
	if v.objCode == "" || len(v.columns) == 0 {
		return
	}
	v.exportSource().ask()
}

// ExportTo exports the search on show to path (what Export… runs).
func (v *BrowserView) ExportTo(path string, f export.Format) *ExportRun {
	return v.exportSource().run(path, f)
}

// ask shows the export dialog: format, folder and file name.
func (v exportSource) ask() {
	format := newSelect(translated(formatLabels), nil)
	format.SetSelectedIndex(0)
	folder := widget.NewEntry()
	folder.SetText(v.deps.Prefs.StringWithFallback(prefExportDir, defaultExportDir()))
	name := widget.NewEntry()
	name.SetText(v.fileName(export.CSV))
	format.OnChanged = func(string) {
		f := export.Formats()[format.SelectedIndex()]
		base := strings.TrimSuffix(name.Text, filepath.Ext(name.Text))
		name.SetText(base + f.Extension())
	}
	choose := widget.NewButtonWithIcon(lang.L("Choose…"), theme.FolderOpenIcon(), func() {
		dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				folder.SetText(dir.Path())
			}
		}, v.deps.Window)
	})
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Format")), format,
		widget.NewLabel(lang.L("Folder")), container.NewBorder(nil, nil, nil, choose, folder),
		widget.NewLabel(lang.L("File name")), name,
	)
	what := widget.NewLabel(fmt.Sprintf(lang.L("Type: %s · rows: %s. Every row the search finds is exported, with the columns on show."), v.typeLabel, v.totalText()))
	what.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Export"), lang.L("Export"), lang.L("Cancel"),
		container.NewGridWrap(fyne.NewSize(520, 230), container.NewVBox(what, form)), func(ok bool) {
			if !ok {
				return
			}
			path := filepath.Join(strings.TrimSpace(folder.Text), strings.TrimSpace(name.Text))
			f := export.Formats()[format.SelectedIndex()]
			start := func() {
				v.deps.Prefs.SetString(prefExportDir, filepath.Dir(path))
				v.run(path, f)
			}
			if _, err := os.Stat(path); err == nil {
				dialog.ShowConfirm(lang.L("Replace the file?"), fmt.Sprintf(lang.L("%s exists. Replace it once the export is complete?"), path), func(yes bool) {
					if yes {
						start()
					}
				}, v.deps.Window)
				return
			}
			start()
		}, v.deps.Window)
	d.Show()
}

func translated(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = lang.L(l)
	}
	return out
}

// defaultExportDir is Downloads when there is one, else the home folder.
func defaultExportDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if st, err := os.Stat(filepath.Join(home, "Downloads")); err == nil && st.IsDir() {
		return filepath.Join(home, "Downloads")
	}
	return home
}

// fileName suggests a file name: the type and today's date.
func (v exportSource) fileName(f export.Format) string {
	base := strings.ToLower(strings.ReplaceAll(v.typeLabel, " ", "-"))
	return base + "-" + v.deps.Now().Format("2006-01-02") + f.Extension()
}

func (v exportSource) totalText() string {
	if v.total < 0 {
		return "…"
	}
	return thousands(v.total)
}

// run exports the search to path, with a progress dialog and Cancel; it
// says at the end what happened.
func (v exportSource) run(path string, f export.Format) *ExportRun {
	s := v.search
	job := export.Job{ObjCode: s.ObjCode, Filters: s.Filters, Fields: append([]string(nil), v.columns...), Sorts: s.Sorts, Format: f}
	ctx, cancel := context.WithCancel(v.ctx)
	run := &ExportRun{cancel: cancel, Done: make(chan struct{})}
	run.Progress = widget.NewProgressBar()
	run.Status = widget.NewLabel(lang.L("Counting…"))
	run.Cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() {
		cancel()
		run.Status.SetText(lang.L("Canceling…"))
		run.Cancel.Disable()
	})
	title := fmt.Sprintf(lang.L("Exporting to %s"), filepath.Base(path))
	run.Dialog = dialog.NewCustomWithoutButtons(title,
		container.NewGridWrap(fyne.NewSize(460, 130), container.NewVBox(run.Status, run.Progress, container.NewHBox(run.Cancel))), v.deps.Window)
	run.Dialog.Show()
	var last time.Time
	job.OnProgress = func(p export.Progress) {
		// Several times a second at most: the UI has better things to do.
		now := time.Now()
		if now.Sub(last) < 100*time.Millisecond && p.Done < p.Total {
			return
		}
		last = now
		v.deps.Do(func() {
			if ctx.Err() == nil {
				run.Progress.SetValue(p.Fraction())
				run.Status.SetText(progressText(p))
			}
		})
	}
	name := v.profile
	backgroundOn(v.deps.Do, func() (export.Result, error) {
		src, err := v.deps.Backend.Objects(name)
		if err != nil {
			return export.Result{}, err
		}
		return export.ToFile(ctx, src, job, path)
	}, func(res export.Result, err error) {
		cancel()
		run.Dialog.Hide()
		run.Result, run.Err = res, err
		defer close(run.Done)
		switch {
		case err != nil:
			dialog.ShowError(errors.New(ErrorText(err)), v.deps.Window)
		case res.Warning() != nil:
			dialog.ShowInformation(exportWarningTitle(res.Warning()), ErrorText(res.Warning()), v.deps.Window)
		default:
			v.deps.Toast(fmt.Sprintf(lang.L("Exported %s rows to %s."), thousands(res.Rows), path))
		}
	})
	return run
}

// exportWarningTitle names what went wrong with a finished export: the
// data moved while it ran, or cells were too long for Excel.
func exportWarningTitle(warning error) string {
	if errors.Is(warning, export.ErrDataChanged) {
		return lang.L("Exported, but the data changed")
	}
	return lang.L("Exported, but some cells were cut")
}

// progressText is "12,000 of 50,000 rows · 3,400 rows/s · 10 s left".
func progressText(p export.Progress) string {
	left := "…"
	if p.Left >= 0 {
		left = p.Left.Round(time.Second).String()
	}
	return fmt.Sprintf(lang.L("%s of %s rows · %s rows/s · %s left"), thousands(p.Done), thousands(p.Total), thousands(int(p.PerSecond)), left)
}
