package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/wfconnect/wfconnect/query"
)

// Saved queries, recent queries, tabs, text mode and the palette, on the
// fake backend; the query store is the real one, in a temporary config
// directory.

// plannedProjects shows projects with status PLN in v.
func plannedProjects(t *testing.T, h *harness, v *BrowserView) {
	t.Helper()
	v.TypePicker.SetText("Project (PROJ)")
	h.q.until(t, "projects", func() bool { return v.objCode == "PROJ" && len(v.Grid.Objects) == 2 })
	r := v.AddFilterRow()
	r.Field.SetSelected("Status")
	r.Value.SetText("PLN")
	h.q.until(t, "the filtered page", func() bool { return len(v.Grid.Objects) == 0 && v.filterRowCount() == 1 })
}

// TestSaveRenameOpenQuery: Save keeps the type, filters and columns; the
// dialog finds it by a word, renames it, and opens it in a new tab with
// the same filter rows and its name as the tab's title.
func TestSaveRenameOpenQuery(t *testing.T) {
	h, v, b := showExplore(t)
	m := h.app.Main
	plannedProjects(t, h, v)
	v.ShowSaveQuery()
	if v.SaveDialog == nil {
		t.Fatal("no save dialog")
	}
	v.saveQuery("Planned projects", "Admin")
	saved, err := b.queries.Saved("Acme")
	if err != nil || len(saved) != 1 || saved[0].ObjCode != "PROJ" || query.Format(saved[0].Filters) != "status=PLN\nstatus_Mod=eq" {
		t.Fatalf("saved %+v, %v", saved, err)
	}
	if !slices.Equal(saved[0].Columns, v.columns) {
		t.Errorf("columns %v, shown %v", saved[0].Columns, v.columns)
	}
	if m.ExploreTabs.Tabs.Items[0].Text != "Planned projects" {
		t.Errorf("tab title %q", m.ExploreTabs.Tabs.Items[0].Text)
	}

	v.ShowQueries()
	d := v.QueriesDialog
	d.Saved.Search.SetText("nothing like it")
	if len(d.Saved.shown) != 0 {
		t.Error("the search narrows the list")
	}
	d.Saved.Search.SetText("planned admin")
	if len(d.Saved.shown) != 1 || d.Saved.lines[0][0] != "Admin / Planned projects" {
		t.Fatalf("found %v", d.Saved.lines)
	}
	if err := b.queries.Rename("Acme", saved[0].ID, "Projects to plan"); err != nil {
		t.Fatal(err)
	}
	d.load()
	d.Saved.Search.SetText("")
	d.Saved.List.Select(0)
	test.Tap(d.Saved.Open)
	tabs := m.ExploreTabs
	h.q.until(t, "the second tab's page", func() bool {
		return len(tabs.Views) == 2 && m.Explore == tabs.Views[1] && m.Explore.objCode == "PROJ" && m.Explore.filterRowCount() == 1
	})
	if got := tabs.Tabs.Items[1].Text; got != "Projects to plan" {
		t.Errorf("the opened tab is named %q", got)
	}
	if r := m.Explore.Filters[0].state(); r.field != "status" || r.mod != "eq" || r.from != "PLN" {
		t.Errorf("filter row %+v", r)
	}
	if tabs.Views[0].objCode != "PROJ" || tabs.Views[0].filterRowCount() != 1 {
		t.Error("the first tab keeps its own query")
	}
}

// TestRecentQueryRestoredInANewTab: each search run is in the recent
// queries, newest first; Open puts one in a new tab, editable.
func TestRecentQueryRestoredInANewTab(t *testing.T) {
	h, v, b := showExplore(t)
	m := h.app.Main
	plannedProjects(t, h, v)
	h.q.until(t, "the history written", func() bool {
		es, _ := b.queries.History("Acme")
		return len(es) >= 2 && es[0].Query.ObjCode == "PROJ" && len(es[0].Query.Filters) == 2
	})
	v.ShowQueries()
	d := v.QueriesDialog
	if d.Tabs.SelectedIndex() != 1 {
		t.Error("with nothing saved, the dialog opens on the recent queries")
	}
	d.Recent.Search.SetText("task")
	if len(d.Recent.shown) == 0 || !strings.HasPrefix(d.Recent.lines[d.Recent.shown[0]][0], "TASK") {
		t.Fatalf("recent %v", d.Recent.lines)
	}
	d.Recent.Search.SetText("PLN")
	test.Tap(d.Recent.Open)
	h.q.until(t, "the restored tab", func() bool {
		return len(m.ExploreTabs.Views) == 2 && m.Explore.objCode == "PROJ" && m.Explore.filterRowCount() == 1
	})
	m.Explore.Filters[0].Value.SetText("CUR")
	h.q.until(t, "the restored query edited", func() bool { return len(m.Explore.Grid.Objects) > 0 })
}

// TestTabsComeBackAfterARestart: the open tabs, their queries and the one
// on show come back when the app starts again.
func TestTabsComeBackAfterARestart(t *testing.T) {
	h, v, b := showExplore(t)
	m := h.app.Main
	m.NewExploreTab()
	h.q.until(t, "the new tab's types", func() bool { return len(m.Explore.types) > 0 })
	plannedProjects(t, h, m.Explore)
	m.ExploreTabs.Tabs.SelectIndex(0)
	v.Search.SetText("Task 1.2")
	h.q.until(t, "the search", func() bool { return len(v.Grid.Objects) == 1 })
	m.ExploreTabs.Tabs.SelectIndex(1)
	m.close()

	h2, _ := showAcme(t, b)
	m2 := h2.app.Main
	m2.Tabs.Select(m2.exploreTab)
	tabs := m2.ExploreTabs
	if len(tabs.Views) != 2 || tabs.Tabs.SelectedIndex() != 1 {
		t.Fatalf("%d tabs, on show %d", len(tabs.Views), tabs.Tabs.SelectedIndex())
	}
	h2.q.until(t, "the restored tab's page", func() bool { return m2.Explore.objCode == "PROJ" && m2.Explore.filterRowCount() == 1 })
	tabs.Tabs.SelectIndex(0)
	h2.q.until(t, "the first tab's page", func() bool { return m2.Explore.objCode == "TASK" && len(m2.Explore.Grid.Objects) == 1 })
	if m2.Explore.Search.Text != "Task 1.2" {
		t.Errorf("search %q", m2.Explore.Search.Text)
	}
}

// TestColumnOrderPinsAndWidthsInASavedQuery: a header moved, a column
// pinned and one widened are part of the query, and come back with it.
func TestColumnOrderPinsAndWidthsInASavedQuery(t *testing.T) {
	h, v, _ := showExplore(t)
	m := h.app.Main
	if v.Grid.Pinned() != 1 || v.Grid.Table.StickyColumnCount != 1 {
		t.Errorf("Name is pinned by default: %d", v.Grid.Pinned())
	}
	before := slices.Clone(v.columns) // name,status,project:name,assignedTo:name,percentComplete
	menu := v.Grid.columnMenu(3)
	menu.Items[0].Action() // Move left
	if v.columns[2] != before[3] || v.columns[3] != before[2] {
		t.Fatalf("moved: %v", v.columns)
	}
	if v.Grid.Cells[0][2] != v.Grid.cols[2].render(v.Grid.Objects[0]) {
		t.Error("the cells follow their column")
	}
	v.Grid.columnMenu(2).Items[3].Action() // Pin to the left
	if v.Grid.Pinned() != 2 || v.columns[1] != before[3] {
		t.Fatalf("pinned %d, columns %v", v.Grid.Pinned(), v.columns)
	}
	v.Grid.SelectRow(0)
	v.Grid.selCol = 1
	v.Grid.Table.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if v.columns[2] != before[3] || v.Grid.Pinned() != 1 {
		t.Fatalf("Ctrl+Shift+Right moves the column out of the pinned ones: %v, pinned %d", v.columns, v.Grid.Pinned())
	}
	v.Grid.Table.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if v.columns[1] != before[3] || v.Grid.Pinned() != 1 {
		t.Fatalf("Ctrl+Shift+Left moves it back, first of the unpinned: %v, pinned %d", v.columns, v.Grid.Pinned())
	}
	v.Grid.columnMenu(1).Items[3].Action() // Pin to the left, again
	if v.Grid.Pinned() != 2 || v.columns[1] != before[3] {
		t.Fatalf("pinned again %d, columns %v", v.Grid.Pinned(), v.columns)
	}
	v.Grid.resized(4, 222)
	q := v.Query()
	if !slices.Equal(q.Pinned, []string{"name", before[3]}) || q.Widths[v.columns[4]] != 222 {
		t.Fatalf("query pins %v, widths %v", q.Pinned, q.Widths)
	}
	v.saveQuery("Tasks my way", "")
	m.OpenQuery(q, "Tasks my way")
	w := m.Explore
	h.q.until(t, "the opened tab's page", func() bool { return w != v && len(w.Grid.Objects) > 0 })
	if !slices.Equal(w.columns, v.columns) || w.Grid.Pinned() != 2 || w.Grid.cols[4].width != 222 {
		t.Errorf("opened: columns %v, pinned %d, width %v", w.columns, w.Grid.Pinned(), w.Grid.cols[4].width)
	}
}

// TestPasteTextModeIsTheSameRequest: a report's text mode pasted becomes
// filter rows (an OR group, an EXISTS, a line kept as written) whose
// request is the pasted parameters; Copy as text mode gives them back.
func TestPasteTextModeIsTheSameRequest(t *testing.T) {
	h, v, b := showExplore(t)
	v.TypePicker.SetText("Project (PROJ)")
	h.q.until(t, "projects", func() bool { return v.objCode == "PROJ" && len(v.Grid.Objects) == 2 })
	lines := "status=CUR\nstatus=PLN\nstatus_Mod=in\nOR:1:name=Apollo 1\nOR:1:name_Mod=cicontains\nEXISTS:a:$$EXISTSMOD=NOTEXISTS\nEXISTS:a:$$OBJCODE=TASK\nEXISTS:a:projectID=FIELD:ID\nDE:Unknown Field=x"
	v.ShowPasteTextMode()
	d := v.TextMode
	d.Text.SetText("status=CUR\nno equals sign")
	if d.Apply.Disabled() == false || !strings.Contains(d.Preview.Text, "2") {
		t.Errorf("a line without = is refused, naming it: %q", d.Preview.Text)
	}
	d.Text.SetText(lines)
	if d.Apply.Disabled() {
		t.Fatalf("refused: %q", d.Preview.Text)
	}
	test.Tap(d.Apply)
	want, _ := query.Parse(lines)
	h.q.until(t, "the pasted request", func() bool {
		return slices.Equal(b.objects.lastSearch().Filters, want.Filters)
	})
	if len(v.Filters) != 2 || len(v.Exists) != 1 || len(v.Raw) != 1 {
		t.Fatalf("rows %d, exists %d, kept %d", len(v.Filters), len(v.Exists), len(v.Raw))
	}
	if st := v.Filters[0].state(); st.mod != "in" || st.from != "CUR, PLN" || v.Filters[1].Group.Selected != "OR 1" {
		t.Errorf("rows %+v, group %q", st, v.Filters[1].Group.Selected)
	}
	if v.Exists[0].Mod.Selected != "NOTEXISTS" || v.Exists[0].ObjCode.Text != "TASK" {
		t.Errorf("exists %q %q", v.Exists[0].Mod.Selected, v.Exists[0].ObjCode.Text)
	}
	v.CopyTextMode()
	if got := h.app.App.Clipboard().Content(); got != query.Format(want.Filters) {
		t.Errorf("copied\n%s\nwant\n%s", got, query.Format(want.Filters))
	}
}

// TestPaletteFindsTypesQueriesAndCommands: Ctrl+K's box finds an object
// type, a saved query and a command as people type; Enter does it.
func TestPaletteFindsTypesQueriesAndCommands(t *testing.T) {
	h, v, _ := showExplore(t)
	u := h.app
	plannedProjects(t, h, v)
	v.saveQuery("Planned projects", "")
	u.ShowPalette()
	p := u.Main.Palette
	p.Entry.SetText("compa")
	if got := p.Shown(); len(got) == 0 || got[0].Kind != "type" || got[0].Title != "Company" {
		t.Fatalf("found %+v", got)
	}
	p.Entry.SetText("planned")
	if got := p.Shown(); len(got) == 0 || got[0].Kind != "saved" {
		t.Fatalf("found %+v", got)
	}
	p.Entry.SetText("paste text")
	got := p.Shown()
	if len(got) != 1 || got[0].Kind != "command" || got[0].Shortcut != "Ctrl+Shift+V" {
		t.Fatalf("found %+v", got)
	}
	p.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.Main.Explore.TextMode == nil {
		t.Error("Enter did not run the command")
	}
}

// TestWorkfrontSavedFiltersAndNamedQueries: Workfront's saved filters for
// the type are listed (one that cannot be read says so) and open as a
// query in a new tab; the type's named query runs from the Query menu;
// the schema lists the actions with their arguments.
func TestWorkfrontSavedFiltersAndNamedQueries(t *testing.T) {
	h, v, b := showExplore(t)
	m := h.app.Main
	v.TypePicker.SetText("Project (PROJ)")
	h.q.until(t, "projects", func() bool { return v.objCode == "PROJ" && len(v.Grid.Objects) == 2 })
	v.ShowSavedFilters()
	d := v.SavedFilters
	h.q.until(t, "the saved filters", func() bool { return len(d.List.shown) == 2 })
	if line := d.List.lines[1]; !strings.Contains(line[1], "cannot read") {
		t.Errorf("the unreadable one says so: %v", line)
	}
	d.List.List.Select(0)
	test.Tap(d.List.Open)
	h.q.until(t, "the saved filter's tab", func() bool {
		return len(m.ExploreTabs.Views) == 2 && m.Explore.filterRowCount() == 1 && m.ExploreTabs.Tabs.Items[1].Text == "Planned projects" &&
			query.Format(b.objects.lastSearch().Filters) == "status=PLN\nstatus_Mod=eq"
	})

	w := m.Explore
	w.SetType("TASK")
	h.q.until(t, "tasks", func() bool { return w.objCode == "TASK" && len(w.meta.Queries) == 1 })
	var named *fyne.MenuItem
	for _, it := range w.QueryMenu().Items {
		if it.Label == "Named query: myWork" {
			named = it
		}
	}
	if named == nil {
		t.Fatal("no named query in the Query menu")
	}
	named.Action()
	h.q.until(t, "myWork's rows", func() bool { return w.named == "myWork" && len(w.Grid.Objects) == 4 })
	if q := w.Query(); q.Named != "myWork" {
		t.Errorf("the named query is part of the query: %+v", q)
	}
	w.ShowSchema()
	if !strings.Contains(w.Schema.Text, "myWork") || !strings.Contains(w.Schema.Text, "assignMultiple(userIDs string[] (required))") {
		t.Errorf("schema:\n%s", w.Schema.Text)
	}
}
