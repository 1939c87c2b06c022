package ui

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
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

// ReportsView draws what Workfront's report action computes: objects of one
// type (with the explorer's filters, when it came from there) grouped by a
// field, counted and aggregated, as a bar chart with a table beside it. A
// click on a bar opens the explorer on that group.
type ReportsView struct {
	deps     viewDeps
	profile  store.Profile
	ctx      context.Context
	stop     context.CancelFunc
	requests latest

	Preset       *widget.Select
	TypePicker   *widget.Select
	GroupBy      *widget.Select
	AggFunc      *widget.Select
	AggField     *widget.Select
	Filters      *widget.Label
	NoFilters    *widget.Button
	Chart        *BarChart
	Table        *widget.Table
	Loading      *widget.ProgressBarInfinite
	Problem      *widget.Label
	SaveChart    *widget.Button
	Content      fyne.CanvasObject
	activated    bool
	notConnected bool // the connection has no sign-in: nothing to load
	status       *pageStatus
	types        []workfront.ObjectType
	objCode      string
	meta         workfront.TypeMeta
	groupPaths   []string // GroupBy's options, by index
	aggPaths     []string // AggField's options, by index
	filters      []workfront.Filter
	filterText   string
	// Report is the report on show.
	Report workfront.Report
	rows   [][]string
	quiet  bool // options being set by code: no report per change
	// sortCol is the column the person sorted the groups by (-1: the
	// report's own order), sortDesc its direction.
	sortCol  int
	sortDesc bool
}

// reportPreset is a ready-made report.
type reportPreset struct {
	label, objCode, groupBy string
	agg                     workfront.Agg // Func "" counts
	filters                 []workfront.Filter
}

var reportPresets = []reportPreset{
	{label: "Projects by status", objCode: "PROJ", groupBy: "status"},
	{label: "Open issues by owner", objCode: "OPTASK", groupBy: "owner:name",
		filters: []workfront.Filter{{Key: "status", Value: "CPL"}, {Key: "status_Mod", Value: "ne"}}},
	{label: "Hours by project", objCode: "HOUR", groupBy: "project:name", agg: workfront.Agg{Func: "sum", Field: "hours"}},
	{label: "Tasks by assignee", objCode: "TASK", groupBy: "assignedTo:name"},
}

// aggChoices are the aggregate functions offered; "count" counts the
// objects. aggLabels name them for people, in the same order.
var (
	aggChoices = []string{"count", "sum", "avg", "min", "max"}
	aggLabels  = []string{"Number of objects", "Sum", "Average", "Minimum", "Maximum"}
)

func newReportsView(deps viewDeps, p store.Profile) *ReportsView {
	v := &ReportsView{deps: deps, profile: p, sortCol: -1}
	v.ctx, v.stop = context.WithCancel(v.deps.Context)
	var presets []string
	for _, r := range reportPresets {
		presets = append(presets, lang.L(r.label))
	}
	v.Preset = newSelect(presets, func(string) { v.usePreset(v.Preset.SelectedIndex()) })
	v.Preset.PlaceHolder = lang.L("Ready-made reports…")
	v.TypePicker = newSelect(nil, func(string) {
		if i := v.TypePicker.SelectedIndex(); i >= 0 && i < len(v.types) && !v.quiet {
			v.filters, v.filterText = nil, ""
			v.SetType(v.types[i].ObjCode, "", workfront.Agg{})
		}
	})
	v.GroupBy = newSelect(nil, func(string) { v.changed() })
	v.AggField = newSelect(nil, func(string) { v.changed() })
	v.AggField.Disable()
	v.AggFunc = newSelect(translated(aggLabels), func(string) {
		setEnabled(v.AggField, v.AggFunc.SelectedIndex() > 0)
		v.changed()
	})
	v.quiet = true
	v.AggFunc.SetSelectedIndex(0)
	v.quiet = false
	v.Filters = wrapped("")
	v.NoFilters = widget.NewButtonWithIcon(lang.L("Clear filters"), theme.ContentClearIcon(), func() {
		v.filters, v.filterText = nil, ""
		v.renderFilters()
		v.Run()
	})
	v.Chart = NewBarChart(nil)
	v.Chart.OnTapped = v.OpenGroup
	v.Table = v.newTable()
	v.status = newPageStatus(v.StopLoading, v.Run, deps.OnConnect)
	v.Loading, v.Problem = v.status.Loading, v.status.Problem
	v.SaveChart = widget.NewButtonWithIcon(lang.L("Save chart as PNG…"), theme.DocumentSaveIcon(), v.askSavePNG)
	v.SaveChart.Importance = widget.LowImportance
	v.SaveChart.Disable()

	controls := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(v.status.Stop, v.SaveChart), container.NewGridWithColumns(2, v.Preset, v.TypePicker)),
		container.NewGridWithColumns(3,
			labeled(lang.L("Group by"), v.GroupBy), labeled(lang.L("Measure"), v.AggFunc), labeled(lang.L("Of the field"), v.AggField)),
		container.NewBorder(nil, nil, nil, v.NoFilters, v.Filters),
		thinBar(v.Loading), v.status.Box,
	)
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(v.Chart)), v.Table)
	split.Offset = 0.62
	v.Content = container.NewBorder(controls, nil, nil, nil, split)
	v.renderFilters()
	return v
}

// newTable is the report's table: one row per group and the total, the
// group's name leading and the numbers trailing.
func (v *ReportsView) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) {
		if len(v.rows) == 0 {
			return 0, 0
		}
		return len(v.rows), len(v.rows[0])
	}, func() fyne.CanvasObject { return widget.NewLabel("") }, func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < len(v.rows) && id.Col < len(v.rows[id.Row]) {
			l.Alignment = fyne.TextAlignTrailing
			if id.Col == 0 {
				l.Alignment = fyne.TextAlignLeading
			}
			l.SetText(cut(v.rows[id.Row][id.Col], 28))
		}
	})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b, ok := o.(*widget.Button)
		if !ok || id.Col < 0 {
			return
		}
		b.Alignment = widget.ButtonAlignTrailing
		if id.Col == 0 {
			b.Alignment = widget.ButtonAlignLeading
		}
		b.Icon = nil
		if id.Col == v.sortCol {
			b.Icon = theme.MenuDropUpIcon()
			if v.sortDesc {
				b.Icon = theme.MenuDropDownIcon()
			}
		}
		b.SetText(v.header(id.Col))
		col := id.Col
		b.OnTapped = func() { v.SortBy(col) }
	}
	t.SetColumnWidth(0, 180)
	for col := 1; col < 4; col++ {
		t.SetColumnWidth(col, 100)
	}
	return t
}

func labeled(label string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(label), nil, o)
}

// Activate loads the types and shows the first ready-made report the first
// time the tab is shown.
func (v *ReportsView) Activate() {
	if v.activated {
		return
	}
	v.activated = true
	if v.notConnected {
		return // loads when the connection signs in (SetConnected)
	}
	v.loadTypeList()
}

// loadTypeList fills the type picker, then shows the first ready-made
// report, or the type asked for meanwhile.
func (v *ReportsView) loadTypeList() {
	loadTypes(v.deps, v.ctx, v.profile.Name, v.showProblem, func(types []workfront.ObjectType) {
		v.types = types
		v.quiet = true
		v.TypePicker.SetOptions(typeOptions(v.types, ""))
		v.quiet = false
		if v.objCode == "" {
			v.Preset.SetSelectedIndex(0)
		} else {
			v.selectType()
		}
	})
}

func (v *ReportsView) usePreset(i int) {
	if i < 0 || i >= len(reportPresets) {
		return
	}
	r := reportPresets[i]
	v.filters = r.filters
	v.filterText = ""
	for _, f := range r.filters {
		if !strings.HasSuffix(f.Key, "_Mod") {
			v.filterText = lang.L(r.label)
		}
	}
	v.SetType(r.objCode, r.groupBy, r.agg)
}

// Open shows a report of the explorer's type and filters.
func (v *ReportsView) Open(objCode string, filters []workfront.Filter, describe string) {
	v.filters, v.filterText = filters, describe
	v.quiet = true
	v.Preset.ClearSelected()
	v.quiet = false
	if !v.activated {
		v.objCode = strings.ToUpper(objCode)
		v.Activate()
	}
	v.SetType(objCode, "", workfront.Agg{})
}

func (v *ReportsView) selectType() {
	v.quiet = true
	defer func() { v.quiet = false }()
	for i, t := range v.types {
		if t.ObjCode == v.objCode {
			v.TypePicker.SetSelectedIndex(i)
		}
	}
}

// SetType reads the type's metadata, offers its fields, and runs the
// report grouped by groupBy (or a sensible field) with agg.
func (v *ReportsView) SetType(objCode, groupBy string, agg workfront.Agg) {
	v.objCode = strings.ToUpper(objCode)
	v.selectType()
	v.renderFilters()
	// Nothing of the last type's report stays on show while this one loads.
	v.requests.drop()
	v.Report, v.rows = workfront.Report{}, nil
	v.Chart.SetBars(nil)
	v.Table.Refresh()
	v.SaveChart.Disable()
	v.status.Box.Hide()
	v.Loading.Show()
	v.Loading.Start()
	obj := v.objCode
	loadMeta(v.deps, v.ctx, v.profile.Name, obj, func() bool { return obj == v.objCode }, v.showProblem, func(meta workfront.TypeMeta) {
		v.Loading.Stop()
		v.Loading.Hide()
		v.meta = meta
		v.offerFields(groupBy, agg)
		v.Run()
	})
}

// offerFields fills the group-by and aggregate pickers from the metadata.
func (v *ReportsView) offerFields(groupBy string, agg workfront.Agg) {
	v.quiet = true
	defer func() { v.quiet = false }()
	v.groupPaths, v.aggPaths = nil, nil
	var groupLabels, aggLabels []string
	for _, f := range v.meta.Fields {
		if f.Name == "ID" {
			continue
		}
		v.groupPaths = append(v.groupPaths, f.Name)
		groupLabels = append(groupLabels, cleanCell(f.Label))
		switch f.Type {
		case "int", "double", "currency", "float", "long":
			v.aggPaths = append(v.aggPaths, f.Name)
			aggLabels = append(aggLabels, cleanCell(f.Label))
		}
	}
	for _, r := range v.meta.References {
		v.groupPaths = append(v.groupPaths, r.Name+":name")
		groupLabels = append(groupLabels, cleanCell(r.Label)+": "+lang.L("Name"))
	}
	v.GroupBy.SetOptions(groupLabels)
	v.AggField.SetOptions(aggLabels)
	if groupBy == "" {
		groupBy = defaultGroup(v.groupPaths)
	}
	for i, p := range v.groupPaths {
		if p == groupBy {
			v.GroupBy.SetSelectedIndex(i)
		}
	}
	v.AggFunc.SetSelectedIndex(0)
	v.AggField.ClearSelected()
	if agg.Func != "" {
		for i, f := range aggChoices {
			if f == agg.Func {
				v.AggFunc.SetSelectedIndex(i)
			}
		}
		for i, p := range v.aggPaths {
			if p == agg.Field {
				v.AggField.SetSelectedIndex(i)
			}
		}
	}
	setEnabled(v.AggField, v.AggFunc.SelectedIndex() > 0)
}

// defaultGroup is what most reports group by first.
func defaultGroup(paths []string) string {
	for _, want := range []string{"status", "owner:name", "assignedTo:name", "project:name"} {
		for _, p := range paths {
			if p == want {
				return p
			}
		}
	}
	if len(paths) > 0 {
		return paths[0]
	}
	return ""
}

func (v *ReportsView) changed() {
	if !v.quiet {
		v.Preset.ClearSelected()
		v.Run()
	}
}

// query is the report the pickers describe.
func (v *ReportsView) query() (workfront.ReportQuery, bool) {
	i := v.GroupBy.SelectedIndex()
	if v.objCode == "" || i < 0 || i >= len(v.groupPaths) {
		return workfront.ReportQuery{}, false
	}
	q := workfront.ReportQuery{ObjCode: v.objCode, GroupBy: v.groupPaths[i], Filters: v.filters, Rollup: true}
	if f := v.AggFunc.SelectedIndex(); f > 0 {
		j := v.AggField.SelectedIndex()
		if j < 0 || j >= len(v.aggPaths) {
			return q, false // a sum of what? wait for the field
		}
		q.Aggs = []workfront.Agg{{Func: aggChoices[f], Field: v.aggPaths[j]}}
	}
	return q, true
}

// Run asks Workfront for the report; a newer one cancels an older one.
func (v *ReportsView) Run() {
	q, ok := v.query()
	if !ok {
		return
	}
	if v.notConnected {
		return
	}
	ctx, current := v.requests.next(v.ctx)
	v.status.loading(true)
	name := v.profile.Name
	backgroundOn(v.deps.Do, func() (workfront.Report, error) {
		return v.deps.Backend.Report(ctx, name, q)
	}, func(r workfront.Report, err error) {
		if !current() {
			return
		}
		v.status.loading(false)
		if err != nil {
			v.showProblem(err)
			return
		}
		v.show(r)
	})
}

// groupLabel names a group for people: status codes by their names, the
// objects without a value as such.
func (v *ReportsView) groupLabel(field, value string) string {
	if value == "" {
		return lang.L("(none)")
	}
	if l := v.meta.ValueLabel(field, value); l != "" && l != value {
		return cleanCell(l)
	}
	if v.objCode == "PROJ" && field == "status" {
		return lang.L(workfront.StatusName(value))
	}
	return cleanCell(value)
}

// measure is the number a group's bar shows.
func measure(g workfront.ReportGroup, aggs []workfront.Agg) float64 {
	if len(aggs) > 0 {
		n, _ := g.Agg(aggs[0])
		return n
	}
	return float64(g.Count)
}

func (v *ReportsView) show(r workfront.Report) {
	r.Groups = v.ordered(r)
	v.Report = r
	bars := make([]Bar, len(r.Groups))
	v.rows = [][]string{}
	for i, g := range r.Groups {
		n := measure(g, r.Query.Aggs)
		bars[i] = Bar{Label: v.groupLabel(r.Query.GroupBy, g.Value), Value: n, Text: measureText(n, r.Query.Aggs)}
		row := []string{bars[i].Label, countText(g.Count)}
		for _, a := range r.Query.Aggs {
			x, _ := g.Agg(a)
			row = append(row, aggText(x, a))
		}
		v.rows = append(v.rows, row)
	}
	if r.Total != nil {
		row := []string{lang.L("Total"), countText(r.Total.Count)}
		for _, a := range r.Query.Aggs {
			x, _ := r.Total.Agg(a)
			row = append(row, aggText(x, a))
		}
		v.rows = append(v.rows, row)
	}
	v.Chart.SetBars(bars)
	v.Table.Refresh()
	setEnabled(v.SaveChart, len(bars) > 0)
	if len(bars) == 0 {
		v.status.say(lang.L("Nothing matches."), widget.MediumImportance)
	}
}

func (v *ReportsView) header(col int) string {
	switch col {
	case 0:
		return lang.L("Group")
	case 1:
		return lang.L("Count")
	}
	if i := col - 2; i < len(v.Report.Query.Aggs) {
		a := v.Report.Query.Aggs[i]
		for j, f := range aggChoices {
			if f == a.Func {
				return lang.L(aggLabels[j]) + ": " + v.fieldLabel(a.Field)
			}
		}
		return a.Key()
	}
	return ""
}

func (v *ReportsView) fieldLabel(field string) string {
	for _, f := range v.meta.Fields {
		if f.Name == field {
			return cleanCell(f.Label)
		}
	}
	return field
}

// OpenGroup opens the explorer on the objects of a bar's group.
func (v *ReportsView) OpenGroup(i int) {
	r := v.Report
	if i < 0 || i >= len(r.Groups) || v.deps.OnOpenScope == nil {
		return
	}
	g := r.Groups[i]
	scope := append([]workfront.Filter(nil), r.Query.Filters...)
	if g.Value == "" {
		scope = append(scope, workfront.Filter{Key: r.Query.GroupBy, Value: ""}, workfront.Filter{Key: r.Query.GroupBy + "_Mod", Value: "isnull"})
	} else {
		scope = append(scope, workfront.Filter{Key: r.Query.GroupBy, Value: g.Value}, workfront.Filter{Key: r.Query.GroupBy + "_Mod", Value: "eq"})
	}
	title := v.GroupBy.Selected + ": " + v.groupLabel(r.Query.GroupBy, g.Value)
	v.deps.OnOpenScope(r.Query.ObjCode, scope, title)
}

func (v *ReportsView) renderFilters() {
	switch {
	case len(v.filters) == 0:
		v.Filters.SetText(lang.L("All objects of the type."))
		v.NoFilters.Hide()
	case v.filterText != "":
		v.Filters.SetText(fmt.Sprintf(lang.L("Filtered: %s"), v.filterText))
		v.NoFilters.Show()
	default:
		var parts []string
		for _, f := range v.filters {
			parts = append(parts, cleanCell(f.Key+"="+f.Value))
		}
		v.Filters.SetText(fmt.Sprintf(lang.L("Filtered: %s"), strings.Join(parts, " & ")))
		v.NoFilters.Show()
	}
}

func (v *ReportsView) askSavePNG() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		v.SavePNG(path)
	}, v.deps.Window)
	save.SetFileName(strings.ToLower(strings.ReplaceAll(v.typeName(), " ", "-")) + "-report.png")
	save.Show()
}

// SavePNG writes the chart alone as a PNG, in the theme's colours: drawn
// here, encoded and written off the UI goroutine, then said.
func (v *ReportsView) SavePNG(path string) {
	img := v.Chart.PNG(v.chartTitle(), v.chartNote())
	backgroundOn(v.deps.Do, func() (struct{}, error) { return struct{}{}, writePNG(path, img) }, func(_ struct{}, err error) {
		if err != nil {
			showErrorIn(v.deps.Window, err)
			return
		}
		v.deps.Toast(fmt.Sprintf(lang.L("Saved the chart as %s."), filepath.Base(path)))
	})
}

// writePNG writes img to path atomically: beside it first, then renamed.
func writePNG(path string, img image.Image) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return fmt.Errorf("saving the chart: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := png.Encode(tmp, img); err != nil {
		tmp.Close()
		return fmt.Errorf("saving the chart: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("saving the chart: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("saving the chart: %w", err)
	}
	return nil
}

// chartTitle says what the chart counts: "Project by Status: Number of objects".
func (v *ReportsView) chartTitle() string {
	title := v.typeName()
	if v.GroupBy.Selected != "" {
		title = fmt.Sprintf(lang.L("%s by %s"), title, v.GroupBy.Selected)
	}
	if v.AggFunc.Selected != "" {
		title += ": " + v.AggFunc.Selected
		if v.AggFunc.SelectedIndex() > 0 && v.AggField.Selected != "" {
			title += " " + v.AggField.Selected
		}
	}
	return title
}

// chartNote is which objects, from which connection, and when.
func (v *ReportsView) chartNote() string {
	return strings.Join([]string{v.Filters.Text, v.profile.Name, localDateTime(v.deps.Now())}, " · ")
}

func (v *ReportsView) typeName() string {
	for _, t := range v.types {
		if t.ObjCode == v.objCode {
			return t.Label
		}
	}
	return v.objCode
}

// Close cancels what is in flight.
func (v *ReportsView) Close() { v.stop() }
