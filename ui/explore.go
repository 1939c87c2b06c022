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

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// ExploreView browses any object type of the instance with its own
// metadata: a type picker, columns chosen from the fields (custom ones
// too), filter rows in Workfront's syntax, a details pane whose references
// and collections are links, and a back button over where you came from.
type ExploreView struct {
	deps     viewDeps
	profile  store.Profile
	ctx      context.Context
	stop     context.CancelFunc
	requests latest

	TypePicker    *widget.SelectEntry
	Search        *widget.Entry
	ColumnsButton *widget.Button
	AddFilter     *widget.Button
	FilterBox     *fyne.Container
	Filters       []*FilterRow
	Back          *widget.Button
	Trail         *widget.Label
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

	types     []workfront.ObjectType
	objCode   string
	meta      workfront.TypeMeta
	columns   []string
	scope     []workfront.Filter // set by a drill-down (projectID=…), shown in Trail
	scopeName string
	sortBy    workfront.Sort
	first     int
	total     int
	selected  int // the row whose details are asked for
	history   []exploreState
	activated bool
	debounce  Timer
	// Schema is the text of the last schema shown, for tests.
	Schema *widget.Label
	// ColumnList and ColumnSearch are the open column picker's, for tests.
	ColumnList   *widget.List
	ColumnSearch *widget.Entry
	columnDialog dialog.Dialog
}

// exploreState is where the back button returns to.
type exploreState struct {
	objCode   string
	scope     []workfront.Filter
	scopeName string
	text      string
}

// commonObjCodes come first in the type picker, in this order.
var commonObjCodes = []string{"PROJ", "TASK", "OPTASK", "USER", "PORT", "PRGM", "DOCU", "HOUR", "TMPL"}

func newExploreView(deps viewDeps, p store.Profile) *ExploreView {
	v := &ExploreView{deps: deps, profile: p, selected: -1, total: -1}
	v.ctx, v.stop = context.WithCancel(v.deps.Context)
	v.TypePicker = widget.NewSelectEntry(nil)
	v.TypePicker.SetPlaceHolder(lang.L("Object type…"))
	v.TypePicker.OnChanged = v.onTypeTyped
	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder(lang.L("Search by name…"))
	v.Search.OnChanged = func(string) { v.debounced() }
	v.Search.OnSubmitted = func(string) { v.searchNow() }
	v.ColumnsButton = widget.NewButtonWithIcon(lang.L("Columns…"), theme.ListIcon(), v.ShowColumnPicker)
	v.AddFilter = widget.NewButtonWithIcon(lang.L("Add filter"), theme.ContentAddIcon(), func() { v.AddFilterRow() })
	v.FilterBox = container.NewVBox()
	v.Back = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), v.GoBack)
	v.Back.Disable()
	v.Trail = widget.NewLabel("")
	v.Trail.Truncation = fyne.TextTruncateEllipsis
	v.Trail.Hide()
	v.CopyCurl = widget.NewButtonWithIcon(lang.L("Copy as curl"), theme.ContentCopyIcon(), v.copyCurl)
	v.CopyCurl.Importance = widget.LowImportance
	v.CopyURL = widget.NewButtonWithIcon(lang.L("Copy API URL"), theme.ContentCopyIcon(), v.copyURL)
	v.CopyURL.Importance = widget.LowImportance
	v.ExportButton = widget.NewButtonWithIcon(lang.L("Export…"), theme.DownloadIcon(), v.ShowExport)
	v.ReportButton = widget.NewButtonWithIcon(lang.L("Report…"), theme.GridIcon(), v.ShowReport)
	v.FindID = widget.NewEntry()
	v.FindID.SetPlaceHolder(lang.L("Go to an ID or a Workfront link… (Ctrl+L)"))
	v.FindID.OnSubmitted = v.FindByID
	v.SchemaButton = widget.NewButtonWithIcon(lang.L("Schema"), theme.InfoIcon(), v.ShowSchema)
	v.SchemaButton.Importance = widget.LowImportance
	v.Grid = newObjectGrid(deps)
	v.Grid.OnSort = v.SortBy
	v.Grid.OnSelect = v.Select
	v.Grid.Link = func(o workfront.Object) string { return workfront.ObjectURL(v.profile.Host, o.ObjCode(), o.ID()) }
	v.Grid.ClearFilters.OnTapped = v.clearFilters
	v.Total = widget.NewLabel("")
	v.Prev = widget.NewButtonWithIcon(lang.L("Previous"), theme.NavigateBackIcon(), func() { v.page(-1) })
	v.Next = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), func() { v.page(1) })
	v.Next.IconPlacement = widget.ButtonIconTrailingText
	v.status = newPageStatus(v.StopLoading, v.Reload, deps.OnConnect)
	v.Loading, v.StopButton, v.Problem, v.RetryButton, v.Reconnect, v.ProblemBox =
		v.status.Loading, v.status.Stop, v.status.Problem, v.status.Retry, v.status.Reconnect, v.status.Box

	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(v.Back, container.NewGridWrap(fyne.NewSize(240, v.TypePicker.MinSize().Height), v.TypePicker)),
			container.NewHBox(v.ExportButton, v.ReportButton), v.Search),
		container.NewBorder(nil, nil, nil, container.NewHBox(v.ColumnsButton, v.AddFilter, v.SchemaButton, v.CopyCurl, v.CopyURL), v.FindID),
		v.Trail, v.FilterBox,
		// A thin bar that keeps its place whether or not it runs, so the table does not jump.
		thinBar(v.Loading), v.ProblemBox,
	)
	// Stop sits beside the count while a page loads, as in Projects.
	v.pagerMiddle = container.NewCenter(container.NewHBox(v.Total, v.StopButton))
	pager := container.NewBorder(nil, nil, v.Prev, v.Next, v.pagerMiddle)
	v.Content = container.NewBorder(top, pager, nil, nil, v.Grid.Area)
	return v
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

// Activate loads the type list the first time the tab is shown.
func (v *ExploreView) Activate() {
	if v.activated {
		return
	}
	v.activated = true
	loadTypes(v.deps, v.ctx, v.profile.Name, v.showProblem, func(types []workfront.ObjectType) {
		v.types = types
		v.TypePicker.SetOptions(typeOptions(v.types, ""))
		if v.objCode == "" {
			v.SetType("TASK")
		} else {
			v.syncPicker() // a type chosen elsewhere (a report's bar) before the list came
			v.renderTrail()
		}
	})
}

// SortBy sorts by a column; again reverses it.
func (v *ExploreView) SortBy(col string) {
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
func (v *ExploreView) search() workfront.Search {
	s := workfront.Search{ObjCode: v.objCode, Fields: v.columns, Sorts: []workfront.Sort{v.sortBy}, First: v.first, Limit: PageSize}
	s.Filters = append(s.Filters, v.scope...)
	if text := strings.TrimSpace(v.Search.Text); text != "" {
		s.Filters = append(s.Filters, workfront.Filter{Key: "name", Value: text}, workfront.Filter{Key: "name_Mod", Value: "cicontains"})
	}
	for _, f := range v.Filters {
		s.Filters = append(s.Filters, f.filters()...)
	}
	return s
}

// searchNow searches at once (Enter), instead of when the debounce ends.
func (v *ExploreView) searchNow() {
	if v.debounce != nil {
		v.debounce.Stop()
	}
	v.first = 0
	v.Reload()
}

func (v *ExploreView) debounced() {
	if v.debounce != nil {
		v.debounce.Stop()
	}
	v.debounce = v.deps.AfterFunc(v.deps.SearchDelay, func() {
		v.deps.Do(func() { v.first = 0; v.Reload() })
	})
}

// Reload fetches the current page and the total; a newer request cancels
// an older one and its late answer is dropped.
func (v *ExploreView) Reload() {
	if v.objCode == "" || len(v.columns) == 0 {
		return
	}
	v.status.loading(true)
	fetchPage(v.deps, &v.requests, v.ctx, v.profile.Name, v.search(), v.first == 0 || v.total < 0, func(page fetchedPage, err error) {
		v.status.loading(false)
		if err != nil {
			v.showProblem(err)
			return
		}
		if page.count >= 0 {
			v.total = page.count
		}
		v.apply(page.rows)
	})
}

// StopLoading gives up on a slow answer; Retry asks again.
func (v *ExploreView) StopLoading() {
	v.requests.drop() // and its answer, if it still comes
	v.status.stopped()
	v.renderPager()
}

// apply shows a page; the table renders each cell once.
func (v *ExploreView) apply(objects []workfront.Object) {
	v.selected = -1
	v.Grid.Apply(objects)
	if len(objects) == 0 {
		v.Grid.ShowEmpty(lang.L("Nothing matches."), v.filtered())
	} else {
		v.Grid.HideEmpty()
	}
	v.renderPager()
}

// filtered is true when the search box or a filter row narrows the list.
func (v *ExploreView) filtered() bool {
	if strings.TrimSpace(v.Search.Text) != "" {
		return true
	}
	for _, f := range v.Filters {
		if len(f.filters()) > 0 {
			return true
		}
	}
	return false
}

// clearFilters empties the search box and drops the filter rows; a scope
// from a followed link stays (Back leaves it).
func (v *ExploreView) clearFilters() {
	v.emptySearch()
	v.first = 0
	v.Reload()
}

// emptySearch empties the search box (without searching) and drops the
// filter rows.
func (v *ExploreView) emptySearch() {
	setTextQuietly(v.Search, "")
	v.Filters = nil
	v.FilterBox.Objects = nil
	v.FilterBox.Refresh()
}

func (v *ExploreView) renderPager() {
	l := pagerOf(v.first, len(v.Grid.Objects), v.total, PageSize)
	v.Total.SetText(l.Text)
	setEnabled(v.Prev, l.PrevOn)
	setEnabled(v.Next, l.NextOn)
	v.pagerMiddle.Refresh() // the count's width changed: lay it out again
}

func (v *ExploreView) page(dir int) {
	v.first = max(0, v.first+dir*PageSize)
	v.Reload()
}

func (v *ExploreView) showProblem(err error) {
	v.status.failed(err)
	v.renderPager()
}

// Close cancels what is in flight.
func (v *ExploreView) Close() {
	v.stop()
	if v.debounce != nil {
		v.debounce.Stop()
	}
}
