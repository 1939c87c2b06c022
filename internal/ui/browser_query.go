package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/workfront"
)

// The browser's search as a query: what Save keeps, what the history
// records each time a search runs, what a tab brings back on the next
// start, and what opening a saved query, a history entry or Workfront's
// own saved filter puts back.

// Query is the search on show: type, name search, every filter (the
// scope of a followed link and the status filter included), columns in
// their order with the widths people chose, the pinned ones, the sort.
func (v *BrowserView) Query() query.Query {
	q := query.Query{ID: v.savedID, Name: v.savedName, Folder: v.savedFolder, Connection: v.profile.Name, ObjCode: v.objCode, Text: strings.TrimSpace(v.Search.Text),
		Columns: slices.Clone(v.columns), Widths: v.Grid.Widths(), Named: v.named}
	q.Filters = append(q.Filters, v.scope...)
	if codes := v.statusCodes(); len(codes) > 0 {
		q.Filters = append(q.Filters, workfront.StatusFilters(codes)...)
	}
	q.Filters = append(q.Filters, v.rowFilters()...)
	if v.sortBy.Field != "" {
		q.Sorts = []workfront.Sort{v.sortBy}
	}
	q.Pinned = slices.Clone(v.columns[:min(v.Grid.Pinned(), len(v.columns))])
	return q
}

// OpenQuery shows a query: its type (the metadata first), then its
// columns, widths and pins, its filters as rows, its sort, and the first
// page. The Back trail starts again: a query is a new place.
func (v *BrowserView) OpenQuery(q query.Query) {
	v.history = nil
	v.Back.Disable()
	v.scope, v.scopeName = nil, ""
	v.objCode = strings.ToUpper(q.ObjCode)
	v.named = q.Named
	v.savedID, v.savedName, v.savedFolder = q.ID, q.Name, q.Folder
	v.syncPicker()
	v.emptySearch()
	setTextQuietly(v.Search, q.Text)
	v.sortBy, v.first, v.total = workfront.Sort{Field: "name"}, 0, -1
	if len(q.Sorts) > 0 {
		v.sortBy = q.Sorts[0]
	}
	v.restore = nil
	v.Grid.SetWidths(q.Widths)
	v.opening = &q
	v.columns = nil // start loads the type, then puts the query in place
	v.renderTrail()
	if v.activated && !v.notConnected {
		v.start() // else once the tab is shown, or the connection signed in
	}
}

// applyOpening puts an opened query's columns and filters in place once
// its type's metadata is in (loadType calls it before the page).
func (v *BrowserView) applyOpening() {
	q := v.opening
	if q == nil {
		return
	}
	v.opening = nil
	if len(q.Columns) > 0 {
		v.columns = slices.Clone(q.Columns)
	}
	pinned := 0
	for pinned < len(q.Pinned) && pinned < len(v.columns) && v.columns[pinned] == q.Pinned[pinned] {
		pinned++
	}
	if q.Pinned == nil && len(v.columns) > 0 && v.columns[0] == "name" {
		pinned = 1
	}
	v.Grid.SetPinned(pinned)
	v.setFilters(q.Filters)
}

// moveColumn is a header dragged or moved by its menu: the order is kept
// for the type, as the column picker's choice is.
func (v *BrowserView) moveColumn(from, to int) {
	if from < 0 || to < 0 || from >= len(v.columns) || to >= len(v.columns) {
		return
	}
	col := v.columns[from]
	cols := slices.Delete(slices.Clone(v.columns), from, from+1)
	cols = slices.Insert(cols, to, col)
	v.columns = cols
	v.deps.Prefs.SetStringList(v.columnsKey(), cols)
	v.showColumns()
	v.Grid.Apply(v.Grid.Objects) // the cells follow their columns
}

// hideColumn drops a column from the view (the header's menu).
func (v *BrowserView) hideColumn(col int) {
	if col < 0 || col >= len(v.columns) || len(v.columns) == 1 {
		return
	}
	if col < v.Grid.Pinned() {
		v.Grid.SetPinned(v.Grid.Pinned() - 1)
	}
	v.SetColumns(slices.Delete(slices.Clone(v.columns), col, col+1))
}

// ran tells that a search's first page arrived: the history records it.
func (v *BrowserView) ran(rows int) {
	if v.OnRan != nil && v.first == 0 {
		v.OnRan(v.Query(), rows)
	}
}

// tabTitle names the tab: the type, and the name search if any.
func (v *BrowserView) tabTitle() string {
	title := lang.L("New tab")
	if v.objCode != "" {
		title = v.typeLabel(v.objCode)
	}
	if v.named != "" {
		title += " · " + v.named
	}
	if text := strings.TrimSpace(v.Search.Text); text != "" {
		title += " · " + text
	}
	if n := v.filterRowCount(); n > 0 {
		title += " · " + fmt.Sprintf(lang.L("%d filters"), n)
	}
	return cut(cleanCell(title), 40)
}

// filterRowCount is how many filter rows say something.
func (v *BrowserView) filterRowCount() int {
	n := 0
	for _, f := range v.Filters {
		if len(f.filters()) > 0 {
			n++
		}
	}
	for _, e := range v.Exists {
		if len(e.filters()) > 0 {
			n++
		}
	}
	return n + len(v.Raw)
}
