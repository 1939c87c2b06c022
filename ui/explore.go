package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// ExploreView browses any object type of the instance with its own
// metadata: a type picker, columns chosen from the fields (custom ones
// too), filter rows in Workfront's syntax, a details pane whose references
// and collections are links, and a back button over where you came from.
type ExploreView struct {
	m        *MainView
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
	debounce  *time.Timer
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

func newExploreView(m *MainView, p store.Profile) *ExploreView {
	v := &ExploreView{m: m, profile: p, selected: -1, total: -1}
	v.ctx, v.stop = context.WithCancel(context.Background())
	v.TypePicker = widget.NewSelectEntry(nil)
	v.TypePicker.SetPlaceHolder(lang.L("Object type…"))
	v.TypePicker.OnChanged = v.onTypeTyped
	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder(lang.L("Search by name…"))
	v.Search.OnChanged = func(string) { v.debounced() }
	v.Search.OnSubmitted = func(string) { v.first = 0; v.Reload() }
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
	v.Grid = newObjectGrid(m)
	v.Grid.OnSort = v.SortBy
	v.Grid.OnSelect = v.Select
	v.Grid.Link = func(o workfront.Object) string { return workfront.ObjectURL(v.profile.Host, o.ObjCode(), o.ID()) }
	v.Grid.ClearFilters.OnTapped = v.clearFilters
	v.Total = widget.NewLabel("")
	v.Prev = widget.NewButtonWithIcon(lang.L("Previous"), theme.NavigateBackIcon(), func() { v.page(-1) })
	v.Next = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), func() { v.page(1) })
	v.Next.IconPlacement = widget.ButtonIconTrailingText
	v.Loading = widget.NewProgressBarInfinite()
	v.Loading.Stop()
	v.Loading.Hide()
	v.Problem = widget.NewLabel("")
	v.Problem.Importance = widget.DangerImportance
	v.Problem.Wrapping = fyne.TextWrapWord
	v.Problem.Hide()

	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(v.Back, container.NewGridWrap(fyne.NewSize(240, v.TypePicker.MinSize().Height), v.TypePicker)),
			container.NewHBox(v.ExportButton, v.ReportButton), v.Search),
		container.NewBorder(nil, nil, nil, container.NewHBox(v.ColumnsButton, v.AddFilter, v.SchemaButton, v.CopyCurl, v.CopyURL), v.FindID),
		v.Trail, v.FilterBox,
		// A thin bar that keeps its place whether or not it runs, so the table does not jump.
		thinBar(v.Loading), v.Problem,
	)
	pager := container.NewBorder(nil, nil, v.Prev, v.Next, container.NewCenter(v.Total))
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
	loadTypes(v.m, v.ctx, v.profile.Name, v.showProblem, func(types []workfront.ObjectType) {
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

// loadTypes reads the instance's object types (cached on disk) off the UI
// goroutine and hands them to done in the pickers' order; a view closed
// meanwhile gets nothing.
func loadTypes(m *MainView, ctx context.Context, profile string, fail func(error), done func([]workfront.ObjectType)) {
	background(m.ui, func() ([]workfront.ObjectType, error) {
		return m.ui.Backend.ObjectTypes(ctx, profile, false)
	}, func(types []workfront.ObjectType, err error) {
		switch {
		case ctx.Err() != nil:
		case err != nil:
			fail(err)
		default:
			done(orderTypes(types))
		}
	})
}

// loadMeta reads one type's metadata (cached on disk) off the UI goroutine;
// done gets it only while current says the view still shows that type.
func loadMeta(m *MainView, ctx context.Context, profile, objCode string, current func() bool, fail func(error), done func(workfront.TypeMeta)) {
	background(m.ui, func() (workfront.TypeMeta, error) {
		return m.ui.Backend.TypeMetadata(ctx, profile, objCode, false)
	}, func(meta workfront.TypeMeta, err error) {
		switch {
		case ctx.Err() != nil || !current():
		case err != nil:
			fail(err)
		default:
			done(meta)
		}
	})
}

// orderTypes puts the common types first, then the rest by label.
func orderTypes(types []workfront.ObjectType) []workfront.ObjectType {
	rank := map[string]int{}
	for i, c := range commonObjCodes {
		rank[c] = i + 1
	}
	out := append([]workfront.ObjectType(nil), types...)
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank[out[i].ObjCode], rank[out[j].ObjCode]
		switch {
		case ri > 0 && rj > 0:
			return ri < rj
		case ri > 0 || rj > 0:
			return ri > 0
		}
		return strings.ToLower(out[i].Label) < strings.ToLower(out[j].Label)
	})
	return out
}

func typeOption(t workfront.ObjectType) string { return t.Label + " (" + t.ObjCode + ")" }

// typeOptions are the picker's entries whose label or objCode holds text.
func typeOptions(types []workfront.ObjectType, text string) []string {
	text = strings.ToLower(strings.TrimSpace(text))
	var out []string
	for _, t := range types {
		o := typeOption(t)
		if text == "" || strings.Contains(strings.ToLower(o), text) {
			out = append(out, o)
		}
	}
	return out
}

// onTypeTyped narrows the picker as people type, and switches type when
// the text is one of the entries.
func (v *ExploreView) onTypeTyped(text string) {
	for _, t := range v.types {
		if text == typeOption(t) {
			if t.ObjCode != v.objCode {
				// A type chosen here starts a new trail; links extend it.
				v.history, v.scope, v.scopeName = nil, nil, ""
				v.Back.Disable()
				v.renderTrail()
				v.SetType(t.ObjCode)
			}
			return
		}
	}
	v.TypePicker.SetOptions(typeOptions(v.types, text))
}

// SetType shows objects of one type: its metadata first (cached), then the
// first page with the columns chosen for it before, or sensible ones.
func (v *ExploreView) SetType(objCode string) {
	v.objCode = strings.ToUpper(objCode)
	v.syncPicker()
	v.Filters = nil
	v.FilterBox.Objects = nil
	v.FilterBox.Refresh()
	v.sortBy, v.first, v.total = workfront.Sort{Field: "name"}, 0, -1
	obj := v.objCode
	loadMeta(v.m, v.ctx, v.profile.Name, obj, func() bool { return obj == v.objCode }, v.showProblem, func(meta workfront.TypeMeta) {
		v.meta = meta
		v.columns = v.savedColumns()
		v.showColumns()
		v.Reload()
	})
}

// syncPicker shows the type on show in the type picker.
func (v *ExploreView) syncPicker() {
	for _, t := range v.types {
		if t.ObjCode == v.objCode && v.TypePicker.Text != typeOption(t) {
			v.TypePicker.OnChanged = nil
			v.TypePicker.SetText(typeOption(t))
			v.TypePicker.OnChanged = v.onTypeTyped
		}
	}
}

// defaultColumns: the name, then what people look at first for most types.
func defaultColumns(meta workfront.TypeMeta) []string {
	cols := []string{"name"}
	has := map[string]bool{}
	for _, f := range meta.Fields {
		has[f.Name] = true
	}
	for _, r := range meta.References {
		has[r.Name] = true
	}
	for _, c := range []string{"status", "project", "assignedTo", "owner", "plannedCompletionDate", "percentComplete", "hours", "entryDate", "emailAddr"} {
		if has[c] && len(cols) < 6 {
			if c == "project" || c == "assignedTo" || c == "owner" {
				cols = append(cols, c+":name")
			} else {
				cols = append(cols, c)
			}
		}
	}
	return cols
}

func (v *ExploreView) columnsKey() string {
	return "explore.columns." + v.profile.Name + "." + v.objCode
}

func (v *ExploreView) savedColumns() []string {
	if saved := v.m.ui.App.Preferences().StringList(v.columnsKey()); len(saved) > 0 {
		return saved
	}
	return defaultColumns(v.meta)
}

// SetColumns shows these fields and remembers the choice for this type
// and connection.
func (v *ExploreView) SetColumns(cols []string) {
	if len(cols) == 0 {
		cols = []string{"name"}
	}
	v.columns = cols
	v.m.ui.App.Preferences().SetStringList(v.columnsKey(), cols)
	v.showColumns()
	v.Reload()
}

// label names a column for people, from the metadata: "Project: Name".
func (v *ExploreView) label(path string) string {
	head, rest, nested := strings.Cut(path, ":")
	if strings.HasPrefix(path, "DE:") {
		head, nested = path, false
	}
	for _, f := range v.meta.Fields {
		if f.Name == head && !nested {
			return f.Label
		}
	}
	for _, r := range append(append([]workfront.RefMeta(nil), v.meta.References...), v.meta.Collections...) {
		if r.Name == head {
			if nested {
				return r.Label + ": " + rest
			}
			return r.Label
		}
	}
	return path
}

// showColumns gives the table the chosen columns, each read its own way.
func (v *ExploreView) showColumns() {
	cols := make([]gridColumn, len(v.columns))
	for i, path := range v.columns {
		width := columnWidth(path)
		switch {
		case v.numeric(path):
			width = 110 // numbers are short: the room goes to Name
		case v.fieldType(path) == "dateTime" || v.fieldType(path) == "date":
			width = 130
		}
		cols[i] = gridColumn{path: path, title: v.label(path), width: width, numeric: v.numeric(path), render: v.renderer(path)}
	}
	v.Grid.SetColumns(cols)
	v.Grid.SetSort(v.sortBy)
}

// fieldType is a plain field's type from the metadata ("" otherwise).
func (v *ExploreView) fieldType(path string) string {
	for _, f := range v.meta.Fields {
		if f.Name == path {
			return f.Type
		}
	}
	return ""
}

// numeric is true for a field whose values are numbers (right-aligned).
func (v *ExploreView) numeric(path string) bool {
	for _, f := range v.meta.Fields {
		if f.Name == path {
			switch f.Type {
			case "int", "double", "currency", "float", "long":
				return true
			}
		}
	}
	return false
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

func (v *ExploreView) debounced() {
	if v.debounce != nil {
		v.debounce.Stop()
	}
	v.debounce = time.AfterFunc(v.m.ui.Opts.SearchDelay, func() {
		v.m.ui.Opts.Do(func() { v.first = 0; v.Reload() })
	})
}

type explorePage struct {
	objects []workfront.Object
	count   int
}

// Reload fetches the current page and the total; a newer request cancels
// an older one and its late answer is dropped.
func (v *ExploreView) Reload() {
	if v.objCode == "" || len(v.columns) == 0 {
		return
	}
	ctx, current := v.requests.next(v.ctx)
	s, name, needCount := v.search(), v.profile.Name, v.first == 0 || v.total < 0
	v.Loading.Show()
	v.Loading.Start()
	v.Problem.Hide()
	background(v.m.ui, func() (explorePage, error) {
		src, err := v.m.ui.Backend.Objects(name)
		if err != nil {
			return explorePage{}, err
		}
		page := explorePage{count: -1}
		if needCount {
			if page.count, err = src.Count(ctx, s.ObjCode, s.Filters); err != nil {
				return page, err
			}
		}
		page.objects, err = src.Search(ctx, s)
		return page, err
	}, func(page explorePage, err error) {
		if !current() {
			return
		}
		v.Loading.Stop()
		v.Loading.Hide()
		if err != nil {
			v.showProblem(err)
			return
		}
		if page.count >= 0 {
			v.total = page.count
		}
		v.apply(page.objects)
	})
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
	v.Search.OnChanged = nil
	v.Search.SetText("")
	v.Search.OnChanged = func(string) { v.debounced() }
	v.Filters = nil
	v.FilterBox.Objects = nil
	v.FilterBox.Refresh()
	v.first = 0
	v.Reload()
}

// renderer is how one column's values read: dates in the person's
// language, enum values by their labels, the rest as text.
func (v *ExploreView) renderer(col string) func(workfront.Object) string {
	get := fieldGetter(col)
	for _, f := range v.meta.Fields {
		if f.Name != col {
			continue
		}
		if len(f.Values) > 0 {
			labels := map[string]string{}
			for _, val := range f.Values {
				labels[val.Value] = val.Label
			}
			return func(o workfront.Object) string {
				val, _ := get(o)
				text := workfront.ValueText(val)
				if l := labels[text]; l != "" {
					return cleanCell(l)
				}
				return cleanCell(text)
			}
		}
	}
	// The same dates come back row after row (a project's tasks end on a
	// few days), so each is read and written once.
	dates := map[string]string{}
	return func(o workfront.Object) string {
		val, _ := get(o)
		if s, ok := val.(string); ok && looksLikeDate(s) {
			if d, ok := dates[s]; ok {
				return d
			}
			if t, err := workfront.ParseDate(s); err == nil && !t.IsZero() {
				if len(dates) > 4096 {
					clear(dates)
				}
				dates[s] = localDate(t)
				return dates[s]
			}
		}
		return cleanCell(workfront.ValueText(val))
	}
}

// fieldGetter reads one field path from objects, having split the path
// once: a plain field (or a custom "DE:" one) is one map lookup, and a
// reference path goes straight to the nested object.
func fieldGetter(path string) func(workfront.Object) (any, bool) {
	head, rest, nested := strings.Cut(path, ":")
	if !nested || head == "DE" {
		return func(o workfront.Object) (any, bool) {
			val, ok := o[path]
			return val, ok
		}
	}
	return func(o workfront.Object) (any, bool) {
		switch next := o[head].(type) {
		case map[string]any:
			if val, ok := workfront.Object(next).Value(rest); ok {
				return val, true
			}
		case workfront.Object:
			if val, ok := next.Value(rest); ok {
				return val, true
			}
		}
		return o.Value(path)
	}
}

// looksLikeDate is a cheap test before parsing: 2026-03-05T17:00:00…
func looksLikeDate(s string) bool {
	return len(s) >= 19 && s[4] == '-' && s[7] == '-' && s[10] == 'T'
}

func columnWidth(col string) float32 {
	switch {
	case col == "name":
		return 280
	case strings.HasSuffix(col, ":name"):
		return 170
	}
	return 150
}

// charsFor is about how many characters fit a column of that width.
func charsFor(width float32) int { return max(4, int((width-16)/7.5)) }

// cut shortens text to about n characters' width, with an ellipsis; East
// Asian wide characters count twice.
func cut(s string, n int) string {
	if len(s) <= n { // bytes ≥ width: short enough either way
		return s
	}
	width := 0
	for _, r := range s {
		width += runeWidth(r)
	}
	if width <= n {
		return s
	}
	width = 0
	for i, r := range s {
		if width+runeWidth(r) > n-1 {
			return s[:i] + "…"
		}
		width += runeWidth(r)
	}
	return s
}

// runeWidth is 2 for East Asian wide characters, else 1.
func runeWidth(r rune) int {
	switch {
	case r < 0x1100:
		return 1
	case r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000:
		return 2
	}
	return 1
}

// cellText renders one value for the table: dates and numbers in the
// person's language, everything without control characters.
func (v *ExploreView) cellText(o workfront.Object, col string) string {
	return v.renderer(col)(o)
}

func cleanCell(s string) string {
	s = msg.Clean(s) // tabs and line breaks become spaces
	if strings.Contains(s, "  ") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

func (v *ExploreView) renderPager() {
	n := len(v.Grid.Objects)
	switch {
	case v.total == 0 || n == 0:
		v.Total.SetText(lang.L("Nothing matches."))
	case v.total > 0:
		v.Total.SetText(fmt.Sprintf(lang.L("%s–%s of %s"), thousands(v.first+1), thousands(v.first+n), thousands(v.total)))
	default:
		v.Total.SetText(fmt.Sprintf(lang.L("%s–%s"), thousands(v.first+1), thousands(v.first+n)))
	}
	setEnabled(v.Prev, v.first > 0)
	setEnabled(v.Next, n == PageSize && (v.total < 0 || v.first+n < v.total))
}

func (v *ExploreView) page(dir int) {
	v.first = max(0, v.first+dir*PageSize)
	v.Reload()
}

func (v *ExploreView) showProblem(err error) {
	v.Loading.Stop()
	v.Loading.Hide()
	v.Problem.SetText(ErrorText(err))
	v.Problem.Show()
}

// Select shows every field of a row's object in the details pane, with its
// references and collections as links.
func (v *ExploreView) Select(row int) {
	if row < 0 || row >= len(v.Grid.Objects) {
		return
	}
	v.selected = row
	o := v.Grid.Objects[row]
	fields := []string{"*"}
	for _, r := range v.meta.References {
		fields = append(fields, r.Name)
	}
	name, obj, id := v.profile.Name, v.objCode, o.ID()
	v.Grid.Details.Objects = []fyne.CanvasObject{widget.NewLabelWithStyle(cleanCell(o.Name()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	v.Grid.Details.Refresh()
	v.Grid.ShowDetails()
	background(v.m.ui, func() (workfront.Object, error) {
		src, err := v.m.ui.Backend.Objects(name)
		if err != nil {
			return nil, err
		}
		return src.Get(v.ctx, obj, id, fields)
	}, func(full workfront.Object, err error) {
		if v.selected != row || obj != v.objCode {
			return
		}
		if err != nil {
			v.Grid.Details.Add(widget.NewLabel(ErrorText(err)))
			return
		}
		v.showDetails(full)
	})
}

func (v *ExploreView) showDetails(o workfront.Object) {
	title := widget.NewLabelWithStyle(cleanCell(o.Name()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	box := []fyne.CanvasObject{title, widget.NewLabel(o.ObjCode() + " · " + o.ID())}
	if v.Grid.Link(o) != "" {
		open := widget.NewButtonWithIcon(lang.L("Open in Workfront"), theme.ComputerIcon(), v.Grid.Open)
		open.Importance = widget.HighImportance
		box = append(box, open, container.NewGridWithColumns(2,
			widget.NewButtonWithIcon(lang.L("Copy link"), theme.ContentCopyIcon(), v.Grid.CopyLink),
			widget.NewButtonWithIcon(lang.L("Copy ID"), theme.ContentCopyIcon(), v.Grid.CopyID)))
	} else {
		box = append(box, widget.NewButtonWithIcon(lang.L("Copy ID"), theme.ContentCopyIcon(), v.Grid.CopyID))
	}
	var lines []string
	for _, f := range v.meta.Fields {
		if val, ok := o.Value(f.Name); ok && val != nil {
			label := f.Label
			if f.Custom {
				label += " *"
			}
			lines = append(lines, label+": "+v.cellText(o, f.Name))
		}
	}
	for _, line := range lines {
		l := widget.NewLabel(line)
		l.Truncation = fyne.TextTruncateEllipsis // one line each: wrapped labels overlap in a scrolled box
		box = append(box, l)
	}
	if len(v.meta.References) > 0 {
		box = append(box, widget.NewLabelWithStyle(lang.L("References"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, r := range v.meta.References {
			ref, ok := o[r.Name].(map[string]any)
			if !ok || ref == nil {
				continue
			}
			target, refID := r.ObjCode, workfront.Object(ref).ID()
			text := r.Label + ": " + cleanCell(workfront.Object(ref).Name())
			box = append(box, widget.NewButton(text, func() { v.OpenObject(target, refID, text) }))
		}
	}
	if len(v.meta.Collections) > 0 {
		box = append(box, widget.NewLabelWithStyle(lang.L("Collections"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, c := range v.meta.Collections {
			coll := c
			box = append(box, widget.NewButton(coll.Label, func() { v.Drill(coll, o) }))
		}
	}
	v.Grid.Details.Objects = box
	v.Grid.Details.Refresh()
}

// parentKey is the filter that finds a parent's children: a project's
// tasks are the tasks with projectID = the project's ID.
func parentKey(meta workfront.TypeMeta) string {
	name := meta.Name
	if name == "" {
		return "ID"
	}
	return strings.ToLower(name[:1]) + name[1:] + "ID"
}

// Drill shows a collection of the object: a project's tasks, say.
func (v *ExploreView) Drill(coll workfront.RefMeta, parent workfront.Object) {
	v.push()
	v.scope = []workfront.Filter{{Key: parentKey(v.meta), Value: parent.ID()}}
	v.scopeName = fmt.Sprintf(lang.L("%s of %s"), coll.Label, cleanCell(parent.Name()))
	v.Search.SetText("")
	v.renderTrail()
	v.SetType(coll.ObjCode)
}

// OpenScope shows the objects a filter set picks out (a report's bar), as
// a step of the trail that Back returns from.
func (v *ExploreView) OpenScope(objCode string, scope []workfront.Filter, title string) {
	v.Activate()
	v.push()
	v.scope = scope
	v.scopeName = title
	v.Search.OnChanged = nil
	v.Search.SetText("")
	v.Search.OnChanged = func(string) { v.debounced() }
	v.Filters = nil
	v.FilterBox.Objects = nil
	v.FilterBox.Refresh()
	v.renderTrail()
	v.SetType(objCode)
}

// ShowReport opens the Reports tab on this search's type and filters.
func (v *ExploreView) ShowReport() {
	m := v.m
	if m.Reports == nil || m.Tabs == nil || v.objCode == "" {
		return
	}
	s := v.search()
	var parts []string
	if v.scopeName != "" {
		parts = append(parts, v.scopeName)
	}
	if text := strings.TrimSpace(v.Search.Text); text != "" {
		parts = append(parts, fmt.Sprintf(lang.L("name contains %q"), text))
	}
	for _, f := range v.Filters {
		if d := f.describe(); d != "" {
			parts = append(parts, d)
		}
	}
	m.Tabs.Select(m.reportsTab)
	m.Reports.Open(v.objCode, s.Filters, strings.Join(parts, " · "))
}

// OpenObject shows one object (a reference followed), selected.
func (v *ExploreView) OpenObject(objCode, id, title string) {
	v.push()
	v.scope = []workfront.Filter{{Key: "ID", Value: id}}
	v.scopeName = title
	v.Search.SetText("")
	v.renderTrail()
	v.SetType(objCode)
}

func (v *ExploreView) push() {
	if v.objCode == "" {
		return
	}
	v.history = append(v.history, exploreState{objCode: v.objCode, scope: v.scope, scopeName: v.scopeName, text: v.Search.Text})
	v.Back.Enable()
}

// GoBack returns to where the last link was followed from.
func (v *ExploreView) GoBack() {
	if len(v.history) == 0 {
		return
	}
	last := v.history[len(v.history)-1]
	v.history = v.history[:len(v.history)-1]
	setEnabled(v.Back, len(v.history) > 0)
	v.scope, v.scopeName = last.scope, last.scopeName
	v.Search.OnChanged = nil
	v.Search.SetText(last.text)
	v.Search.OnChanged = func(string) { v.debounced() }
	v.SetType(last.objCode)
	v.renderTrail()
}

func (v *ExploreView) renderTrail() {
	var parts []string
	for _, h := range v.history {
		if h.scopeName != "" {
			parts = append(parts, h.scopeName)
		} else {
			parts = append(parts, v.typeLabel(h.objCode))
		}
	}
	if v.scopeName != "" {
		parts = append(parts, v.scopeName)
	}
	v.Trail.SetText(strings.Join(parts, " › "))
	setVisible(v.Trail, len(parts) > 0)
}

func (v *ExploreView) typeLabel(objCode string) string {
	for _, t := range v.types {
		if t.ObjCode == objCode {
			return t.Label
		}
	}
	return objCode
}

// CurlCommand is the search as a curl command line; the sign-in comes from
// wfconnect token at run time, so no token is ever in it.
func (v *ExploreView) CurlCommand() (string, error) {
	u, err := workfront.SearchURL(v.profile.Host, v.profile.APIVersion, v.search())
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(`curl -H "sessionID: $(wfconnect token %s)" '%s'`, shellQuote(v.profile.Name), strings.ReplaceAll(u, "'", `'\''`)), nil
}

func shellQuote(s string) string {
	if strings.ContainsAny(s, " \t'\"$`\\!*?[]{}()<>|&;#~") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// copyURL copies the search's API address (it holds no token either).
func (v *ExploreView) copyURL() {
	u, err := workfront.SearchURL(v.profile.Host, v.profile.APIVersion, v.search())
	if err != nil {
		v.showProblem(err)
		return
	}
	v.m.ui.App.Clipboard().SetContent(u)
	v.m.ShowToast(lang.L("Copied the search's API URL."))
}

func (v *ExploreView) copyCurl() {
	cmd, err := v.CurlCommand()
	if err != nil {
		v.showProblem(err)
		return
	}
	v.m.ui.App.Clipboard().SetContent(cmd)
	v.m.ShowToast(lang.L("Copied the search as a curl command."))
}

// columnOption is one field the column picker offers.
type columnOption struct{ path, label string }

// columnOptions are the type's fields, custom ones marked, then its
// references' names.
func (v *ExploreView) columnOptions() []columnOption {
	var options []columnOption
	for _, f := range v.meta.Fields {
		label := f.Label + "  (" + f.Name + ")"
		if f.Custom {
			label += " *"
		}
		options = append(options, columnOption{f.Name, cleanCell(label)})
	}
	for _, r := range v.meta.References {
		options = append(options, columnOption{r.Name + ":name", cleanCell(r.Label + ": " + lang.L("Name") + "  (" + r.Name + ":name)")})
	}
	return options
}

// ShowColumnPicker lets people choose the columns from the type's fields,
// references' names and custom fields, with a search box. The list is a
// widget.List, so a type with 500 fields opens as fast as one with 5.
func (v *ExploreView) ShowColumnPicker() {
	chosen := map[string]bool{}
	for _, c := range v.columns {
		chosen[c] = true
	}
	options := v.columnOptions()
	shown := options
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			check, opt := o.(*widget.Check), shown[i]
			check.OnChanged = nil
			check.Text = opt.label
			check.SetChecked(chosen[opt.path])
			check.OnChanged = func(on bool) { chosen[opt.path] = on }
		})
	filter := widget.NewEntry()
	filter.SetPlaceHolder(lang.L("Search fields…"))
	filter.OnChanged = func(text string) {
		text = strings.ToLower(strings.TrimSpace(text))
		shown = options
		if text != "" {
			shown = nil
			for _, o := range options {
				if strings.Contains(strings.ToLower(o.label), text) {
					shown = append(shown, o)
				}
			}
		}
		list.Refresh()
	}
	v.ColumnList, v.ColumnSearch = list, filter
	var note fyne.CanvasObject
	if v.meta.CustomFieldsError != "" {
		l := widget.NewLabel(fmt.Sprintf(lang.L("Custom fields could not be read: %s"), cleanCell(v.meta.CustomFieldsError)))
		l.Wrapping = fyne.TextWrapWord
		note = l
	}
	content := container.NewBorder(filter, note, nil, nil, list)
	d := dialog.NewCustomConfirm(lang.L("Columns"), lang.L("Apply"), lang.L("Cancel"), container.NewGridWrap(fyne.NewSize(420, 420), content), func(ok bool) {
		if !ok {
			return
		}
		var cols []string
		for _, c := range v.columns { // keep the order people had
			if chosen[c] {
				cols = append(cols, c)
				delete(chosen, c)
			}
		}
		for _, o := range options {
			if chosen[o.path] {
				cols = append(cols, o.path)
			}
		}
		v.SetColumns(cols)
	}, v.m.ui.Window)
	v.columnDialog = d
	d.Show()
}

// FindByID asks the likely types for an ID and opens the object found.
func (v *ExploreView) FindByID(id string) {
	id = strings.TrimSpace(id)
	if id == "" {
		return
	}
	name := v.profile.Name
	v.Loading.Show()
	v.Loading.Start()
	background(v.m.ui, func() (workfront.Object, error) {
		src, err := v.m.ui.Backend.Objects(name)
		if err != nil {
			return nil, err
		}
		return workfront.Find(v.ctx, src, id)
	}, func(o workfront.Object, err error) {
		v.Loading.Stop()
		v.Loading.Hide()
		if err != nil {
			v.showProblem(err)
			return
		}
		v.FindID.SetText("")
		v.OpenObject(o.ObjCode(), o.ID(), v.typeLabel(o.ObjCode())+": "+cleanCell(o.Name()))
	})
}

// ShowSchema shows the type's fields with their types and values, the
// instance's custom fields marked, and where references and collections
// lead.
func (v *ExploreView) ShowSchema() {
	var b strings.Builder
	for _, f := range v.meta.Fields {
		b.WriteString(cleanCell(f.Label) + "  ·  " + cleanCell(f.Name) + "  ·  " + cleanCell(f.Type))
		if f.Custom && len(f.Forms) > 0 {
			b.WriteString("  ·  " + fmt.Sprintf(lang.L("custom field on %s"), cleanCell(strings.Join(f.Forms, ", "))))
		} else if f.Custom {
			b.WriteString("  ·  " + lang.L("custom field"))
		}
		if len(f.Values) > 0 {
			var vals []string
			for _, val := range f.Values {
				vals = append(vals, cleanCell(val.Value))
			}
			b.WriteString("  ·  " + strings.Join(vals, ", "))
		}
		b.WriteString("\n")
	}
	for _, section := range []struct {
		title string
		refs  []workfront.RefMeta
	}{{lang.L("References"), v.meta.References}, {lang.L("Collections"), v.meta.Collections}} {
		if len(section.refs) == 0 {
			continue
		}
		b.WriteString("\n" + section.title + "\n")
		for _, r := range section.refs {
			b.WriteString(cleanCell(r.Label) + "  ·  " + cleanCell(r.Name) + "  ›  " + cleanCell(v.typeLabel(r.ObjCode)) + " (" + cleanCell(r.ObjCode) + ")\n")
		}
	}
	if v.meta.CustomFieldsError != "" {
		b.WriteString("\n" + fmt.Sprintf(lang.L("Custom fields could not be read: %s"), cleanCell(v.meta.CustomFieldsError)) + "\n")
	}
	text := widget.NewLabel(strings.TrimSpace(b.String())) // each piece cleaned above; the line breaks are ours
	text.Wrapping = fyne.TextWrapWord
	v.Schema = text
	title := fmt.Sprintf(lang.L("Schema of %s"), v.typeLabel(v.objCode))
	dialog.ShowCustom(title, lang.L("Close"), container.NewGridWrap(fyne.NewSize(560, 440), container.NewVScroll(text)), v.m.ui.Window)
}

// Close cancels what is in flight.
func (v *ExploreView) Close() {
	v.stop()
	if v.debounce != nil {
		v.debounce.Stop()
	}
}
