package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/store"
)

// What the queries dialog and the Save dialog do with the connection's
// saved queries and history.

// ShowQueries opens the saved and recent queries (Ctrl+O).
func (v *BrowserView) ShowQueries() {
	d := &queriesDialog{v: v}
	d.Saved = newQueryList(lang.L("Search the saved queries…"), d.openSaved, d.runSaved,
		lowButton(lang.L("Rename…"), theme.DocumentCreateIcon(), d.renameSelected),
		lowButton(lang.L("Duplicate"), theme.ContentCopyIcon(), d.duplicateSelected),
		lowButton(lang.L("Delete"), theme.DeleteIcon(), d.deleteSelected),
		lowButton(lang.L("Export…"), theme.DownloadIcon(), d.export),
		lowButton(lang.L("Import…"), theme.UploadIcon(), d.importFile))
	d.Recent = newQueryList(lang.L("Search the recent queries…"), d.openRecent, d.runRecent)
	d.Saved.Search.OnChanged = func(string) { d.Saved.fill(d.savedLines()) }
	d.Recent.Search.OnChanged = func(string) { d.Recent.fill(d.recentLines()) }
	d.Problem = notice(widget.DangerImportance)
	d.Tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Saved"), theme.DocumentSaveIcon(), d.Saved.content),
		container.NewTabItemWithIcon(lang.L("Recent"), theme.HistoryIcon(), d.Recent.content))
	body := container.NewBorder(d.Problem, nil, nil, nil, d.Tabs)
	d.dlg = dialog.NewCustom(lang.L("Saved queries and history"), lang.L("Close"), container.NewGridWrap(fyne.NewSize(720, 440), body), v.deps.Window)
	v.QueriesDialog = d
	d.load()
	d.dlg.Show()
	v.deps.Window.Canvas().Focus(d.Saved.Search)
}

// load reads both lists; a damaged file was kept aside and is said.
func (d *queriesDialog) load() {
	s, name := d.v.deps.Backend.Queries(), d.v.profile.Name
	var problems []string
	var err error
	if d.saved, err = s.Saved(name); err != nil {
		problems = append(problems, ErrorText(err))
	}
	if d.history, err = s.History(name); err != nil {
		problems = append(problems, ErrorText(err))
	}
	d.Problem.SetText(strings.Join(problems, "\n"))
	setVisible(d.Problem, len(problems) > 0)
	d.Saved.fill(d.savedLines())
	d.Recent.fill(d.recentLines())
	if len(d.saved) == 0 && len(d.history) > 0 {
		d.Tabs.SelectIndex(1)
	}
}

func (d *queriesDialog) savedLines() [][2]string {
	out := make([][2]string, len(d.saved))
	for i, q := range d.saved {
		t, s := queryLine(q)
		out[i] = [2]string{t, s}
	}
	return out
}

func (d *queriesDialog) recentLines() [][2]string {
	out := make([][2]string, len(d.history))
	now := d.v.deps.Now()
	for i, e := range d.history {
		t, s := historyLine(e, now)
		out[i] = [2]string{t, s}
	}
	return out
}

func (d *queriesDialog) openSaved(i int) {
	d.dlg.Hide()
	d.v.openElsewhere(d.saved[i], d.saved[i].Name)
}

func (d *queriesDialog) runSaved(i int) {
	d.dlg.Hide()
	d.v.OpenQuery(d.saved[i])
}

func (d *queriesDialog) openRecent(i int) {
	d.dlg.Hide()
	d.v.openElsewhere(d.history[i].Query, "")
}

func (d *queriesDialog) runRecent(i int) {
	d.dlg.Hide()
	d.v.OpenQuery(d.history[i].Query)
}

// selectedSaved is the saved query chosen in the list, if any.
func (d *queriesDialog) selectedSaved() (query.Query, bool) {
	l := d.Saved
	if l.current < 0 || l.current >= len(l.shown) {
		return query.Query{}, false
	}
	return d.saved[l.shown[l.current]], true
}

func (d *queriesDialog) renameSelected() {
	q, ok := d.selectedSaved()
	if !ok {
		return
	}
	name := widget.NewEntry()
	name.SetText(q.Name)
	d.rename = dialog.NewForm(lang.L("Rename the query"), lang.L("Rename"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Name"), name)}, func(ok bool) {
			if ok {
				d.report(d.v.deps.Backend.Queries().Rename(d.v.profile.Name, q.ID, strings.TrimSpace(name.Text)))
			}
		}, d.v.deps.Window)
	d.rename.Show()
}

func (d *queriesDialog) duplicateSelected() {
	if q, ok := d.selectedSaved(); ok {
		_, err := d.v.deps.Backend.Queries().Duplicate(d.v.profile.Name, q.ID)
		d.report(err)
	}
}

func (d *queriesDialog) deleteSelected() {
	q, ok := d.selectedSaved()
	if !ok {
		return
	}
	dialog.ShowConfirm(lang.L("Delete the query?"), fmt.Sprintf(lang.L("Delete the saved query %q? It cannot be undone."), q.Name), func(yes bool) {
		if yes {
			d.report(d.v.deps.Backend.Queries().Delete(d.v.profile.Name, q.ID))
		}
	}, d.v.deps.Window)
}

// report shows what a change did and the lists as they are now.
func (d *queriesDialog) report(err error) {
	if err != nil {
		showErrorIn(d.v.deps.Window, err)
	}
	d.load()
}

// export writes the saved queries shown (all, or those the search finds)
// to a JSON file a colleague can import on their connection.
func (d *queriesDialog) export() {
	var qs []query.Query
	for _, i := range d.Saved.shown {
		qs = append(qs, d.saved[i])
	}
	if len(qs) == 0 {
		return
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		d.report(d.exportTo(path, qs))
	}, d.v.deps.Window)
	save.SetFileName("wfconnect-queries.json")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	save.Show()
}

func (d *queriesDialog) exportTo(path string, qs []query.Query) error {
	data, err := query.Export(qs)
	if err != nil {
		return err
	}
	if err := store.WriteFileAtomic(path, data, 0o600); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	d.exported = path
	d.v.deps.Toast(fmt.Sprintf(lang.L("Exported %d queries to %s"), len(qs), path))
	return nil
}

// importFile reads a file of queries and saves them on this connection.
func (d *queriesDialog) importFile() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		d.report(d.importFrom(path))
	}, d.v.deps.Window)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	open.Show()
}

func (d *queriesDialog) importFrom(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	qs, err := query.Import(data)
	if err != nil {
		return err
	}
	s, name := d.v.deps.Backend.Queries(), d.v.profile.Name
	for _, q := range qs {
		q.Connection, q.ID = name, ""
		if _, err := s.Save(q); err != nil {
			return err
		}
	}
	d.v.deps.Toast(fmt.Sprintf(lang.L("Imported %d queries"), len(qs)))
	return nil
}

// ShowSaveQuery names the search on show and saves it (Ctrl+Shift+S);
// a tab opened from a saved query saves over it unless renamed.
func (v *BrowserView) ShowSaveQuery() {
	name, folder := widget.NewEntry(), widget.NewEntry()
	name.SetText(v.savedName)
	folder.SetText(v.savedFolder)
	folder.SetPlaceHolder(lang.L("optional"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Name"), name), widget.NewFormItem(lang.L("Folder"), folder)}
	var dlg *dialog.FormDialog
	dlg = dialog.NewForm(lang.L("Save the query"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			v.saveQuery(strings.TrimSpace(name.Text), strings.TrimSpace(folder.Text))
		}
	}, v.deps.Window)
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s", lang.L("A query needs a name."))
		}
		return nil
	}
	name.OnSubmitted = func(string) { dlg.Submit() } // Enter saves, as in the other forms
	folder.OnSubmitted = name.OnSubmitted
	v.SaveDialog = dlg
	dlg.Resize(fyne.NewSize(460, 200))
	dlg.Show()
	v.deps.Window.Canvas().Focus(name)
}

// saveQuery saves the search under a name; the same name as the query
// this tab came from saves over it.
func (v *BrowserView) saveQuery(name, folder string) {
	q := v.Query()
	q.Name, q.Folder = name, folder
	if name == v.savedName {
		q.ID = v.savedID
	}
	saved, err := v.deps.Backend.Queries().Save(q)
	var damaged *query.DamagedError
	if err != nil {
		showErrorIn(v.deps.Window, err) // a damaged file was kept aside; the query is saved all the same
		if !errors.As(err, &damaged) {
			return
		}
	}
	v.savedID, v.savedName, v.savedFolder = saved.ID, saved.Name, saved.Folder
	v.deps.Toast(fmt.Sprintf(lang.L("Saved the query %s"), saved.Name))
	if v.OnSaved != nil {
		v.OnSaved(saved.Name)
	}
}

// openElsewhere opens a query in a new tab where there are tabs (Explore),
// else in this view.
func (v *BrowserView) openElsewhere(q query.Query, title string) {
	if v.deps.OnOpenQuery != nil {
		v.deps.OnOpenQuery(q, title)
		return
	}
	v.OpenQuery(q)
}
