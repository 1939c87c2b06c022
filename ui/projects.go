package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// PageSize is how many rows one page of a browser shows.
const PageSize = 100

// projectColumns are the Projects view's columns: the generic table's,
// with the project's own way of reading status and percent.
func projectColumns() []gridColumn {
	return []gridColumn{
		{path: "name", title: lang.L("Name"), width: 330, render: func(o workfront.Object) string { return cleanCell(o.Name()) }},
		{path: "status", title: lang.L("Status"), width: 120, render: func(o workfront.Object) string {
			return cleanCell(lang.L(workfront.StatusName(o.Text("status"))))
		}},
		{path: "owner:name", title: lang.L("Owner"), width: 160, render: func(o workfront.Object) string { return cleanCell(o.Text("owner:name")) }},
		{path: "plannedCompletionDate", title: lang.L("Planned completion"), width: 150, render: func(o workfront.Object) string {
			t, _ := o.Time("plannedCompletionDate")
			return localDate(t)
		}},
		{path: "percentComplete", title: lang.L("% complete"), width: 110, numeric: true, render: percentText},
	}
}

func percentText(o workfront.Object) string {
	n, ok := o.Number("percentComplete")
	if !ok {
		return ""
	}
	return strconv.FormatFloat(n, 'f', 0, 64) + "%"
}

// ProjectsView is the project browser of one connection: the generic
// table on Workfront's project search preset (workfront.Query).
type ProjectsView struct {
	deps    viewDeps
	profile store.Profile

	Search       *widget.Entry
	Status       *StatusFilter
	ExportButton *widget.Button
	ReportButton *widget.Button
	Grid         *objectGrid
	Total        *widget.Label
	PrevButton   *widget.Button
	NextButton   *widget.Button
	Loading      *widget.ProgressBarInfinite
	StopButton   *widget.Button
	Problem      *widget.Label
	RetryButton  *widget.Button
	Reconnect    *widget.Button
	ProblemBox   *fyne.Container

	DetailTitle    *widget.Label
	DetailFields   *widget.Label
	OpenButton     *widget.Button
	CopyLinkButton *widget.Button
	CopyIDButton   *widget.Button

	Content fyne.CanvasObject

	// Owned by the UI goroutine.
	query        workfront.Query
	total        int
	countKey     string
	requests     latest
	debounce     Timer
	pagerMiddle  *fyne.Container // the count and Stop, centred
	status       *pageStatus
	activated    bool
	notConnected bool // the connection has no sign-in: nothing to load
	ctx          context.Context
	stop         context.CancelFunc
}

func newProjectsView(deps viewDeps, p store.Profile) *ProjectsView {
	v := &ProjectsView{deps: deps, profile: p, total: -1}
	v.ctx, v.stop = context.WithCancel(v.deps.Context)
	v.query = workfront.Query{SortField: "name", Limit: PageSize}

	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder(lang.L("Search projects by name…"))
	v.Search.OnChanged = func(string) { v.debounceSearch() }
	v.Search.OnSubmitted = func(string) { v.SearchNow() }
	v.Status = newStatusFilter(v.SearchNow)
	v.ExportButton = widget.NewButtonWithIcon(lang.L("Export…"), theme.DownloadIcon(), v.ShowExport)
	v.ReportButton = widget.NewButtonWithIcon(lang.L("Report…"), theme.GridIcon(), v.ShowReport)

	v.Grid = newObjectGrid(deps)
	v.Grid.SetColumns(projectColumns())
	v.Grid.SetSort(workfront.Sort{Field: "name"})
	v.Grid.OnSort = v.SortBy
	v.Grid.OnSelect = v.showDetails
	v.Grid.Link = func(o workfront.Object) string { return workfront.ProjectURL(v.profile.Host, o.ID()) }
	v.Grid.ClearFilters.OnTapped = v.clearFilters

	v.Total = widget.NewLabel("")
	v.PrevButton = widget.NewButtonWithIcon(lang.L("Previous"), theme.NavigateBackIcon(), v.PrevPage)
	v.NextButton = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), v.NextPage)
	v.NextButton.IconPlacement = widget.ButtonIconTrailingText
	v.status = newPageStatus(v.StopLoading, v.Reload, deps.OnConnect)
	v.Loading, v.StopButton, v.Problem, v.RetryButton, v.Reconnect, v.ProblemBox =
		v.status.Loading, v.status.Stop, v.status.Problem, v.status.Retry, v.status.Reconnect, v.status.Box

	v.DetailTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.DetailTitle.Wrapping = fyne.TextWrapWord
	v.DetailFields = widget.NewLabel("")
	v.DetailFields.Wrapping = fyne.TextWrapWord
	v.OpenButton = widget.NewButtonWithIcon(lang.L("Open in Workfront"), theme.ComputerIcon(), v.Grid.Open)
	v.OpenButton.Importance = widget.HighImportance
	v.CopyLinkButton = widget.NewButtonWithIcon(lang.L("Copy link"), theme.ContentCopyIcon(), v.Grid.CopyLink)
	v.CopyIDButton = widget.NewButtonWithIcon(lang.L("Copy ID"), theme.ContentCopyIcon(), v.Grid.CopyID)
	v.Grid.Details.Objects = []fyne.CanvasObject{v.DetailTitle, v.DetailFields, v.OpenButton,
		container.NewGridWithColumns(2, v.CopyLinkButton, v.CopyIDButton)}

	top := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(180, v.Search.MinSize().Height), v.Status.Button),
		v.ExportButton, v.ReportButton), v.Search)
	// Stop sits beside the count, which it replaces while a page loads.
	v.pagerMiddle = container.NewCenter(container.NewHBox(v.Total, v.StopButton))
	pager := container.NewBorder(nil, nil, v.PrevButton, v.NextButton, v.pagerMiddle)
	v.Content = container.NewBorder(container.NewVBox(top, thinBar(v.Loading), v.ProblemBox), pager, nil, nil, v.Grid.Area)
	v.renderPager()
	return v
}

// exportSource is the projects the view's search finds, with the preset's fields.
func (v *ProjectsView) exportSource() exportSource {
	q := v.query
	q.Text = v.Search.Text
	q.Statuses = v.Status.Codes()
	s := q.Search()
	return exportSource{deps: v.deps, ctx: v.ctx, profile: v.profile.Name, search: s, columns: s.Fields, typeLabel: lang.L("Projects"), total: v.total}
}

// ShowExport exports the projects the search finds.
func (v *ProjectsView) ShowExport() { v.exportSource().ask() }

// ExportTo exports the projects the search finds to path.
func (v *ProjectsView) ExportTo(path string, f export.Format) *ExportRun {
	return v.exportSource().run(path, f)
}

// ShowReport opens the Reports tab on the projects the search finds.
func (v *ProjectsView) ShowReport() {
	if v.deps.OnReport == nil {
		return
	}
	s := v.exportSource().search
	var parts []string
	if text := strings.TrimSpace(v.Search.Text); text != "" {
		parts = append(parts, fmt.Sprintf(lang.L("name contains %q"), text))
	}
	if codes := v.Status.Codes(); len(codes) > 0 {
		parts = append(parts, v.Status.Button.Text)
	}
	v.deps.OnReport("PROJ", s.Filters, strings.Join(parts, " · "))
}

// SetConnected follows the connection's state: without a sign-in the view
// says so and offers Connect, instead of stale rows and a useless Retry.
func (v *ProjectsView) SetConnected(connected bool) {
	if connected == !v.notConnected {
		return
	}
	v.notConnected = !connected
	if connected {
		v.ProblemBox.Hide()
		if v.activated {
			v.Reload()
		}
		return
	}
	v.stop()
	v.ctx, v.stop = context.WithCancel(v.deps.Context)
	v.requests.drop()
	v.Grid.Apply(nil)
	v.Grid.HideEmpty()
	v.total, v.countKey = 0, ""
	v.status.notConnected(lang.L("Not connected. Connect to browse this connection's projects."))
	v.renderPager()
	v.Total.SetText("") // nothing was asked: no count to give
}

// clearFilters drops the search text and the status filter.
func (v *ProjectsView) clearFilters() {
	setTextQuietly(v.Search, "")
	v.Status.Set(nil)
	v.SearchNow()
}

// Activate loads the first page the first time the tab is shown.
func (v *ProjectsView) Activate() {
	if v.notConnected {
		v.activated = true
		return
	}
	if !v.activated {
		v.activated = true
		v.Reload()
	}
}

// Close cancels what is in flight.
func (v *ProjectsView) Close() {
	v.stop()
	if v.debounce != nil {
		v.debounce.Stop()
	}
}

func (v *ProjectsView) debounceSearch() {
	if v.debounce != nil {
		v.debounce.Stop()
	}
	v.debounce = v.deps.AfterFunc(v.deps.SearchDelay, func() {
		v.deps.Do(v.SearchNow)
	})
}

// SearchNow runs the search box's query from the first page.
func (v *ProjectsView) SearchNow() {
	if v.debounce != nil {
		v.debounce.Stop()
	}
	v.activated = true
	v.query.Text = v.Search.Text
	v.query.Statuses = v.Status.Codes()
	v.query.First = 0
	v.Reload()
}

// SortBy sorts by a column; the same column again flips the direction.
func (v *ProjectsView) SortBy(field string) {
	if v.query.SortField == field {
		v.query.SortDesc = !v.query.SortDesc
	} else {
		v.query.SortField, v.query.SortDesc = field, false
	}
	v.query.First = 0
	v.Grid.SetSort(workfront.Sort{Field: v.query.SortField, Desc: v.query.SortDesc})
	v.Reload()
}

// NextPage and PrevPage move by one page.
func (v *ProjectsView) NextPage() {
	v.query.First += PageSize
	v.Reload()
}

func (v *ProjectsView) PrevPage() {
	v.query.First = max(0, v.query.First-PageSize)
	v.Reload()
}

// Reload fetches the current page. A newer request cancels the older one,
// and a late answer to an older request is dropped.
func (v *ProjectsView) Reload() {
	q := v.query
	key := fmt.Sprintf("%q|%q", q.Text, q.Statuses)
	v.status.loading(true)
	fetchPage(v.deps, &v.requests, v.ctx, v.profile.Name, q.Search(), key != v.countKey, func(page fetchedPage, err error) {
		v.status.loading(false)
		if err != nil {
			v.status.failed(err)
			v.renderPager()
			return
		}
		if page.count >= 0 {
			v.total, v.countKey = page.count, key
		}
		v.Grid.Apply(page.rows)
		if len(page.rows) == 0 {
			v.Grid.ShowEmpty(lang.L("No projects match."), v.Search.Text != "" || len(v.Status.Codes()) > 0)
		} else {
			v.Grid.HideEmpty()
		}
		v.renderPager()
	})
}

// StopLoading gives up on a slow answer; Retry asks again.
func (v *ProjectsView) StopLoading() {
	v.requests.drop() // and its answer, if it still comes
	v.status.stopped()
	v.renderPager()
}

func setVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

func (v *ProjectsView) renderPager() {
	l := pagerOf(v.query.First, len(v.Grid.Objects), v.total, PageSize)
	v.Total.SetText(l.Text)
	setEnabled(v.PrevButton, l.PrevOn)
	setEnabled(v.NextButton, l.NextOn)
	v.pagerMiddle.Refresh() // the count's width changed: lay it out again
}

func (v *ProjectsView) showDetails(row int) {
	p := v.Grid.Objects[row]
	v.DetailTitle.SetText(cleanCell(p.Name()))
	start, _ := p.Time("plannedStartDate")
	due, _ := p.Time("plannedCompletionDate")
	text := fmt.Sprintf("%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\nID: %s",
		lang.L("Status"), cleanCell(lang.L(workfront.StatusName(p.Text("status")))),
		lang.L("Owner"), orDash(cleanCell(p.Text("owner:name"))),
		lang.L("Planned start"), orDash(localDate(start)),
		lang.L("Planned completion"), orDash(localDate(due)),
		lang.L("% complete"), orDash(percentText(p)),
		cleanCell(p.ID()))
	if d := cleanCell(p.Text("description")); d != "" {
		text += "\n\n" + d
	}
	v.DetailFields.SetText(text)
	v.Grid.ShowDetails()
}

// SelectedURL is the web link of the selected project ("" when none).
func (v *ProjectsView) SelectedURL() string {
	if o, ok := v.Grid.Selected(); ok {
		return v.Grid.Link(o)
	}
	return ""
}
