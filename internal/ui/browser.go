package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// BrowserView is the one object browser, which Explore shows for any type
// and Projects as its preset: a type picker (Explore only), the search
// box, the status filter (Projects only), columns chosen from the type's
// metadata (custom fields too), filter rows in Workfront's syntax, the
// table with its pager, Stop, Retry and Reconnect, a details pane whose
// references and collections are links, and a Back trail over where
// people came from.
type BrowserView struct {
	deps     viewDeps
	profile  store.Profile
	preset   browserPreset
	ctx      context.Context
	stop     context.CancelFunc
	requests latest
	counts   latest // the selected object's collections being counted

	TypePicker    *widget.SelectEntry
	Search        *widget.Entry
	Status        *StatusFilter // nil unless the preset has it
	ColumnsButton *widget.Button
	AddFilter     *widget.Button
	QueryButton   *widget.Button
	FilterBox     *fyne.Container
	Filters       []*FilterRow
	Exists        []*ExistsRow
	Raw           []*RawRow
	Back          *widget.Button
	Trail         *breadcrumb
	CopyCurl      *widget.Button
	CopyURL       *widget.Button
	ExportButton  *widget.Button
	ReportButton  *widget.Button
	FindID        *widget.Entry
	SchemaButton  *widget.Button
	Grid          *objectGrid
	Total         *widget.Label
	Prev, Next    *widget.Button
	Loading       *widget.ProgressBarInfinite
	Problem       *widget.Label
	StopButton    *widget.Button
	RetryButton   *widget.Button
	Reconnect     *widget.Button
	ProblemBox    *fyne.Container
	status        *pageStatus
	pagerMiddle   *fyne.Container // the count and Stop, centred
	Content       fyne.CanvasObject

	types        []workfront.ObjectType
	objCode      string
	meta         workfront.TypeMeta
	columns      []string
	scope        []workfront.Filter // set by a drill-down (projectID=…), shown in Trail
	scopeName    string
	sortBy       workfront.Sort
	first        int
	total        int
	selected     int // the row whose details are asked for
	history      []browserState
	restore      *browserState // what Back brings back once its page is in
	activated    bool
	notConnected bool // the connection has no sign-in: nothing to load
	debounce     Timer
	quiet        bool // filter rows being put back: no search for each change
	// Schema is the text of the last schema shown, for tests.
	Schema *widget.Label
	// ColumnList and ColumnSearch are the open column picker's, for tests.
	ColumnList   *widget.List
	ColumnSearch *widget.Entry
	columnDialog dialog.Dialog

	// editor holds the details pane's pending changes; detail is the
	// object it shows.
	editor *objectEditor
	detail workfront.Object
	// UpdateButton offers the bulk updates; bulk runs them. SetField is
	// the open "Set a field" dialog, for tests.
	UpdateButton *widget.Button
	bulk         *bulkUpdate
	SetField     *setFieldDialog

	// named is the type's named query shown instead of a search ("" for
	// a search); opening is a query being opened, put in place once its
	// type's metadata is in. OnRan hears of each search's first page.
	named   string
	opening *query.Query
	OnRan   func(q query.Query, rows int)
	// The saved query this tab shows ("" when none), OnSaved hears of a
	// save; the open dialogs, for tests.
	savedID, savedName, savedFolder string
	OnSaved                         func(name string)
	QueriesDialog                   *queriesDialog
	SaveDialog                      *dialog.FormDialog
	TextMode                        *textModeDialog
	SavedFilters                    *savedFiltersDialog
}

// commonObjCodes come first in the type picker, in this order.
var commonObjCodes = []string{"PROJ", "TASK", "OPTASK", "USER", "PORT", "PRGM", "DOCU", "HOUR", "TMPL"}

func newBrowser(deps viewDeps, p store.Profile, preset browserPreset) *BrowserView {
	v := &BrowserView{deps: deps, profile: p, preset: preset, selected: -1, total: -1}
	v.ctx, v.stop = context.WithCancel(v.deps.Context)
	v.TypePicker = widget.NewSelectEntry(nil)
	v.TypePicker.SetPlaceHolder(lang.L("Object type…"))
	v.TypePicker.OnChanged = v.onTypeTyped
	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder(preset.searchHint)
	v.Search.OnChanged = func(string) { v.debounced() }
	v.Search.OnSubmitted = func(string) { v.SearchNow() }
	if preset.statuses {
		v.Status = newStatusFilter(v.SearchNow)
	}
	v.ColumnsButton = widget.NewButtonWithIcon(lang.L("Columns…"), theme.ListIcon(), v.ShowColumnPicker)
	v.AddFilter = widget.NewButtonWithIcon(lang.L("Add filter"), theme.ContentAddIcon(), nil)
	v.AddFilter.OnTapped = func() { popUpMenuAt(v.AddFilter, v.addFilterMenu()) }
	v.QueryButton = widget.NewButtonWithIcon(lang.L("Query"), theme.MenuDropDownIcon(), nil)
	v.QueryButton.IconPlacement = widget.ButtonIconTrailingText
	v.QueryButton.OnTapped = func() { popUpMenuAt(v.QueryButton, v.QueryMenu()) }
	v.FilterBox = container.NewVBox()
	v.Back = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), v.GoBack)
	v.Back.Disable()
	v.Trail = newBreadcrumb()
	v.Trail.OnStep = v.GoBackTo
	v.CopyCurl = lowButton(lang.L("Copy as curl"), theme.ContentCopyIcon(), v.copyCurl)
	v.CopyURL = lowButton(lang.L("Copy API URL"), theme.ContentCopyIcon(), v.copyURL)
	v.ExportButton = widget.NewButtonWithIcon(lang.L("Export…"), theme.DownloadIcon(), v.ShowExport)
	v.ReportButton = widget.NewButtonWithIcon(lang.L("Report…"), theme.GridIcon(), v.ShowReport)
	v.UpdateButton = widget.NewButtonWithIcon(lang.L("Update…"), theme.DocumentCreateIcon(), v.ShowUpdateMenu)
	v.FindID = widget.NewEntry()
	v.FindID.SetPlaceHolder(lang.L("Go to an ID or a Workfront link… (Ctrl+L)"))
	v.FindID.OnSubmitted = v.FindByID
	v.SchemaButton = lowButton(lang.L("Schema"), theme.InfoIcon(), v.ShowSchema)
	v.Grid = newObjectGrid(deps)
	v.Grid.OnSort = v.SortBy
	v.Grid.OnSelect = v.Select
	v.Grid.OnMove, v.Grid.OnHide = v.moveColumn, v.hideColumn
	v.Grid.pinned = 1 // Name, first by default, stays in view
	v.Grid.Link = func(o workfront.Object) string { return workfront.ObjectURL(v.profile.Host, o.ObjCode(), o.ID()) }
	v.Grid.ClearFilters.OnTapped = v.clearFilters
	v.Total = widget.NewLabel("")
	v.Prev = widget.NewButtonWithIcon(lang.L("Previous"), theme.NavigateBackIcon(), func() { v.page(-1) })
	v.Next = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), func() { v.page(1) })
	v.Next.IconPlacement = widget.ButtonIconTrailingText
	v.status = newPageStatus(v.StopLoading, v.Reload, deps.OnConnect)
	v.Loading, v.StopButton, v.Problem, v.RetryButton, v.Reconnect, v.ProblemBox =
		v.status.Loading, v.status.Stop, v.status.Problem, v.status.Retry, v.status.Reconnect, v.status.Box
	v.editor = newObjectEditor(v.editorDeps())
	v.editor.OnChanged = v.redrawDetails
	v.Content = v.layout()
	v.renderPager()
	return v
}

func lowButton(text string, icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, icon, tapped)
	b.Importance = widget.LowImportance
	return b
}

// layout places the browser's parts: the type (or the status filter) and
// the search on top, the tools under them, then the trail, the filter
// rows, the loading bar and the problem, the table, and the pager.
func (v *BrowserView) layout() fyne.CanvasObject {
	height := v.Search.MinSize().Height
	leading := []fyne.CanvasObject{v.Back}
	trailing := []fyne.CanvasObject{v.ExportButton, v.ReportButton}
	if v.preset.objCode == "" {
		leading = append(leading, container.NewGridWrap(fyne.NewSize(240, height), v.TypePicker))
	}
	if v.Status != nil {
		trailing = append([]fyne.CanvasObject{container.NewGridWrap(fyne.NewSize(180, height), v.Status.Button)}, trailing...)
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(leading...), container.NewHBox(trailing...), v.Search),
		container.NewHBox(v.ColumnsButton, v.AddFilter, v.QueryButton, v.SchemaButton, v.CopyCurl, v.CopyURL),
		// Update… acts on the results the trail names, at the row's end;
		// Go to an ID takes the room between them.
		container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(340, height), v.FindID), v.UpdateButton), v.Trail), v.FilterBox,
		// A thin bar that keeps its place whether or not it runs, so the table does not jump.
		thinBar(v.Loading), v.ProblemBox,
	)
	// Stop sits beside the count, which it replaces while a page loads.
	v.pagerMiddle = container.NewCenter(container.NewHBox(v.Total, v.StopButton))
	pager := container.NewBorder(nil, nil, v.Prev, v.Next, v.pagerMiddle)
	return container.NewBorder(top, pager, nil, nil, v.Grid.Area)
}

// thinBar shows a progress bar as a thin line whose room stays while it is
// hidden, so that nothing below it moves.
func thinBar(bar fyne.CanvasObject) fyne.CanvasObject { return container.New(thinLayout{}, bar) }

type thinLayout struct{}

func (thinLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 4) }

func (thinLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// Activate loads the first page the first time the tab is shown (once
// the connection is signed in).
func (v *BrowserView) Activate() {
	if v.activated {
		return
	}
	v.activated = true
	if !v.notConnected {
		v.start()
	}
}

// start loads what the page needs and it does not have yet: the
// instance's type list (Explore), the type's metadata (the preset's type,
// or one chosen before the sign-in), then the page.
func (v *BrowserView) start() {
	if v.preset.objCode == "" && v.types == nil {
		v.loadTypeList()
	}
	switch {
	case v.objCode == "" && v.preset.objCode != "":
		v.SetType(v.preset.objCode)
	case v.objCode != "" && len(v.columns) == 0:
		v.loadType()
	case v.objCode != "":
		v.Reload()
	}
}

// loadTypeList fills the type picker; Explore starts on tasks unless a
// type was chosen meanwhile (a report's bar, a link).
func (v *BrowserView) loadTypeList() {
	loadTypes(v.deps, v.ctx, v.profile.Name, v.showProblem, func(types []workfront.ObjectType) {
		v.types = types
		v.TypePicker.SetOptions(typeOptions(v.types, ""))
		if v.objCode == "" {
			v.SetType("TASK")
		} else {
			v.syncPicker()
		}
		v.renderTrail()
	})
}

// SetConnected follows the connection's state: without a sign-in the view
// says so and offers Connect, instead of stale rows and a useless Retry.
func (v *BrowserView) SetConnected(connected bool) {
	if connected == !v.notConnected {
		return
	}
	v.notConnected = !connected
	if connected {
		v.ProblemBox.Hide()
		if v.activated {
			v.start()
		}
		return
	}
	v.stop()
	v.ctx, v.stop = context.WithCancel(v.deps.Context)
	v.requests.drop()
	v.Grid.Apply(nil)
	v.Grid.HideEmpty()
	v.total = 0
	v.status.notConnected(v.preset.notConnected)
	v.renderPager()
	v.Total.SetText("") // nothing was asked: no count to give
}

// SortBy sorts by a column; again reverses it.
func (v *BrowserView) SortBy(col string) {
	if v.sortBy.Field == col {
		v.sortBy.Desc = !v.sortBy.Desc
	} else {
		v.sortBy = workfront.Sort{Field: col}
	}
	v.first = 0
	v.Grid.SetSort(v.sortBy)
	v.Reload()
}

// search is what the view asks Workfront for.
func (v *BrowserView) search() workfront.Search {
	s := workfront.Search{ObjCode: v.objCode, Fields: v.columns, Sorts: []workfront.Sort{v.sortBy}, First: v.first, Limit: PageSize}
	s.Filters = append(s.Filters, v.scope...)
	if text := strings.TrimSpace(v.Search.Text); text != "" {
		s.Filters = append(s.Filters, workfront.Filter{Key: "name", Value: text}, workfront.Filter{Key: "name_Mod", Value: "cicontains"})
	}
	if codes := v.statusCodes(); len(codes) > 0 {
		s.Filters = append(s.Filters, workfront.StatusFilters(codes)...)
	}
	s.Filters = append(s.Filters, v.rowFilters()...)
	return s
}

// statusCodes are the statuses chosen in the status filter (nil: all, or
// no status filter).
func (v *BrowserView) statusCodes() []string {
	if v.Status == nil || v.objCode != v.preset.objCode {
		return nil
	}
	return v.Status.Codes()
}

// SearchNow searches at once (Enter), instead of when the debounce ends.
func (v *BrowserView) SearchNow() {
	if v.debounce != nil {
		v.debounce.Stop()
	}
	v.activated = true
	v.first = 0
	v.Reload()
}

func (v *BrowserView) debounced() {
	if v.quiet {
		return
	}
	if v.debounce != nil {
		v.debounce.Stop()
	}
	v.debounce = v.deps.AfterFunc(v.deps.SearchDelay, func() {
		v.deps.Do(func() { v.first = 0; v.Reload() })
	})
}

// Reload fetches the current page and the total; a newer request cancels
// an older one and its late answer is dropped.
func (v *BrowserView) Reload() {
	if v.objCode == "" || len(v.columns) == 0 || v.notConnected {
		return
	}
	v.status.loading(true)
	fetchPage(v.deps, &v.requests, v.ctx, v.profile.Name, v.search(), v.named, v.first == 0 || v.total < 0, func(page fetchedPage, err error) {
		v.status.loading(false)
		if err != nil {
			v.restore = nil
			v.showProblem(err)
			return
		}
		if page.count >= 0 {
			v.total = page.count
		}
		v.apply(v.sortedInApp(page.rows))
		v.ran(v.total)
	})
}

// StopLoading gives up on a slow answer; Retry asks again.
func (v *BrowserView) StopLoading() {
	v.requests.drop() // and its answer, if it still comes
	v.status.stopped()
	v.renderPager()
}

// apply shows a page; the table renders each cell once. After Back, the
// row that was selected is selected again, and in view.
func (v *BrowserView) apply(objects []workfront.Object) {
	v.selected = -1
	v.Grid.Apply(objects)
	if len(objects) == 0 {
		v.Grid.ShowEmpty(lang.L("Nothing matches."), v.filtered())
	} else {
		v.Grid.HideEmpty()
	}
	v.renderPager()
	if r := v.restore; r != nil {
		v.restore = nil
		if r.selected >= 0 && r.selected < len(objects) {
			v.Grid.SelectRow(r.selected)
			v.Grid.Table.ScrollTo(widget.TableCellID{Row: r.selected, Col: 0})
		}
	}
}

// filtered is true when the search box, the status filter or a filter row
// narrows the list.
func (v *BrowserView) filtered() bool {
	if strings.TrimSpace(v.Search.Text) != "" || len(v.statusCodes()) > 0 {
		return true
	}
	return len(v.rowFilters()) > 0
}

// clearFilters empties the search box and the status filter and drops the
// filter rows; a scope from a followed link stays (Back leaves it).
func (v *BrowserView) clearFilters() {
	v.emptySearch()
	v.first = 0
	v.Reload()
}

// emptySearch empties the search box and the status filter (without
// searching) and drops the filter rows.
func (v *BrowserView) emptySearch() {
	setTextQuietly(v.Search, "")
	if v.Status != nil {
		v.Status.Set(nil)
	}
	v.clearRows()
}

func (v *BrowserView) renderPager() {
	l := pagerOf(v.first, len(v.Grid.Objects), v.total, PageSize)
	v.Total.SetText(l.Text)
	setEnabled(v.Prev, l.PrevOn)
	setEnabled(v.Next, l.NextOn)
	v.pagerMiddle.Refresh() // the count's width changed: lay it out again
}

func (v *BrowserView) page(dir int) {
	v.first = max(0, v.first+dir*PageSize)
	v.Reload()
}

func (v *BrowserView) showProblem(err error) {
	v.status.failed(err)
	v.renderPager()
}

// SelectedURL is the web link of the selected object ("" when none).
func (v *BrowserView) SelectedURL() string {
	if o, ok := v.Grid.Selected(); ok {
		return v.Grid.Link(o)
	}
	return ""
}

// Close cancels what is in flight.
func (v *BrowserView) Close() {
	v.stop()
	if v.debounce != nil {
		v.debounce.Stop()
	}
}

func setVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}
