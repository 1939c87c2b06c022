package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// PageSize is how many projects one page of the browser shows.
const PageSize = 100

// column is one column of the project table.
type column struct {
	title string
	field string // Workfront sort field
	width float32
}

var columns = []column{
	{"Name", "name", 330},
	{"Status", "status", 110},
	{"Owner", "owner:name", 160},
	{"Planned completion", "plannedCompletionDate", 150},
	{"% complete", "percentComplete", 100},
}

// ProjectRows is the table model: the display text of one page, computed once
// when the page arrives so that scrolling does no formatting.
type ProjectRows struct {
	Projects []workfront.Project
	Cells    [][5]string
}

// Apply replaces the model with a page of projects.
func (r *ProjectRows) Apply(projects []workfront.Project) {
	r.Projects = projects
	if cap(r.Cells) >= len(projects) {
		r.Cells = r.Cells[:len(projects)]
	} else {
		r.Cells = make([][5]string, len(projects))
	}
	for i := range projects {
		p := &projects[i]
		r.Cells[i] = [5]string{
			p.Name,
			lang.L(workfront.StatusName(p.Status)),
			p.OwnerName,
			localDate(p.PlannedCompletion),
			strconv.FormatFloat(p.PercentComplete, 'f', 0, 64) + "%",
		}
	}
}

// ProjectsView is the project browser of one connection.
type ProjectsView struct {
	m       *MainView
	profile store.Profile

	Search      *widget.Entry
	Status      *widget.Select
	Table       *widget.Table
	Total       *widget.Label
	PrevButton  *widget.Button
	NextButton  *widget.Button
	Loading     *widget.ProgressBarInfinite
	StopButton  *widget.Button
	Problem     *widget.Label
	RetryButton *widget.Button
	Reconnect   *widget.Button
	ProblemBox  *fyne.Container
	EmptyLabel  *widget.Label
	// Empty holds EmptyLabel and ClearFilters, in the table's body.
	Empty        *fyne.Container
	ClearFilters *widget.Button

	DetailTitle    *widget.Label
	DetailFields   *widget.Label
	OpenButton     *widget.Button
	CopyLinkButton *widget.Button
	CopyIDButton   *widget.Button
	Details        *fyne.Container
	DetailsPane    *container.Scroll

	Content fyne.CanvasObject

	// Owned by the UI goroutine.
	Rows         ProjectRows
	query        workfront.Query
	total        int
	countKey     string
	selected     int
	seq          uint64
	cancel       context.CancelFunc
	debounce     *time.Timer
	activated    bool
	notConnected bool // the connection has no sign-in: nothing to load
	ctx          context.Context
	stop         context.CancelFunc
}

func newProjectsView(m *MainView, p store.Profile) *ProjectsView {
	v := &ProjectsView{m: m, profile: p, selected: -1, total: -1}
	v.ctx, v.stop = context.WithCancel(context.Background())
	v.query = workfront.Query{SortField: "name", Limit: PageSize}

	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder(lang.L("Search projects by name…"))
	v.Search.OnChanged = func(string) { v.debounceSearch() }
	v.Search.OnSubmitted = func(string) { v.SearchNow() }
	options := []string{lang.L("All statuses")}
	for _, s := range workfront.Statuses {
		options = append(options, lang.L(s.Name))
	}
	v.Status = widget.NewSelect(options, nil)
	v.Status.SetSelectedIndex(0)
	v.Status.OnChanged = func(string) { v.SearchNow() }

	v.Table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.Rows.Cells), len(columns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(v.Rows.Cells) {
				o.(*widget.Label).SetText(v.Rows.Cells[id.Row][id.Col])
			}
		},
	)
	v.Table.ShowHeaderColumn = false
	v.Table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	v.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(columns) {
			return
		}
		col := columns[id.Col]
		text := lang.L(col.title)
		if v.query.SortField == col.field {
			if v.query.SortDesc {
				text += " ▼"
			} else {
				text += " ▲"
			}
		}
		b.SetText(text)
		b.OnTapped = func() { v.SortBy(col.field) }
	}
	for i, c := range columns {
		v.Table.SetColumnWidth(i, c.width)
	}
	v.Table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.Rows.Projects) {
			v.showDetails(id.Row)
		}
	}

	v.Total = widget.NewLabel("")
	v.PrevButton = widget.NewButtonWithIcon(lang.L("Previous"), theme.NavigateBackIcon(), v.PrevPage)
	v.NextButton = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), v.NextPage)
	v.NextButton.IconPlacement = widget.ButtonIconTrailingText
	v.Loading = widget.NewProgressBarInfinite()
	v.Loading.Hide()
	v.StopButton = widget.NewButtonWithIcon(lang.L("Stop"), theme.MediaStopIcon(), v.StopLoading)
	v.StopButton.Hide()
	v.Problem = widget.NewLabel("")
	v.Problem.Importance = widget.DangerImportance
	v.Problem.Wrapping = fyne.TextWrapWord
	v.RetryButton = widget.NewButtonWithIcon(lang.L("Retry"), theme.ViewRefreshIcon(), v.Reload)
	v.Reconnect = widget.NewButtonWithIcon(lang.L("Reconnect"), theme.LoginIcon(), func() {
		if m.Tabs != nil && m.Conn != nil {
			m.Tabs.Select(m.connectionTab)
			m.Conn.Connect()
		}
	})
	v.Reconnect.Importance = widget.HighImportance
	v.ProblemBox = container.NewBorder(nil, nil, nil, container.NewHBox(v.RetryButton, v.Reconnect), v.Problem)
	v.ProblemBox.Hide()
	v.EmptyLabel = widget.NewLabel(lang.L("No projects match."))
	v.EmptyLabel.Alignment = fyne.TextAlignCenter
	v.EmptyLabel.Hide()

	v.DetailTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.DetailTitle.Wrapping = fyne.TextWrapWord
	v.DetailFields = widget.NewLabel("")
	v.DetailFields.Wrapping = fyne.TextWrapWord
	v.OpenButton = widget.NewButtonWithIcon(lang.L("Open in Workfront"), theme.ComputerIcon(), v.openSelected)
	v.OpenButton.Importance = widget.HighImportance
	v.CopyLinkButton = widget.NewButtonWithIcon(lang.L("Copy link"), theme.ContentCopyIcon(), func() { v.copySelected(true) })
	v.CopyIDButton = widget.NewButtonWithIcon(lang.L("Copy ID"), theme.ContentCopyIcon(), func() { v.copySelected(false) })
	v.Details = container.NewVBox(v.DetailTitle, v.DetailFields, v.OpenButton, container.NewGridWithColumns(2, v.CopyLinkButton, v.CopyIDButton))

	top := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(180, v.Status.MinSize().Height), v.Status), v.Search)
	pager := container.NewBorder(nil, nil, v.PrevButton, v.NextButton, container.NewCenter(v.Total))
	v.ClearFilters = widget.NewButtonWithIcon(lang.L("Clear filters"), theme.ContentClearIcon(), v.clearFilters)
	v.Empty = container.NewVBox(v.EmptyLabel, container.NewCenter(v.ClearFilters))
	v.Empty.Hide()
	tableArea := container.NewStack(v.Table, container.NewCenter(v.Empty))
	// The details pane takes room only while a project is selected.
	v.DetailsPane = container.NewVScroll(container.NewPadded(v.Details))
	v.DetailsPane.SetMinSize(fyne.NewSize(280, 0))
	v.DetailsPane.Hide()
	v.Content = container.NewBorder(
		container.NewVBox(top, container.NewBorder(nil, nil, nil, v.StopButton, v.Loading), v.ProblemBox),
		pager, nil, v.DetailsPane, tableArea)
	v.renderPager()
	return v
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
	v.ctx, v.stop = context.WithCancel(context.Background())
	v.seq++
	v.showLoading(false)
	v.Rows.Apply(nil)
	v.selected = -1
	v.Table.UnselectAll()
	v.DetailsPane.Hide()
	v.Table.Refresh()
	v.EmptyLabel.Hide()
	v.Empty.Hide()
	v.total, v.countKey = 0, ""
	v.Problem.Importance = widget.MediumImportance
	v.Problem.SetText(lang.L("Not connected. Connect to browse this connection's projects."))
	v.Reconnect.SetText(lang.L("Connect"))
	v.Reconnect.Show()
	v.RetryButton.Hide()
	v.ProblemBox.Show()
	v.renderPager()
}

// clearFilters drops the search text and the status filter.
func (v *ProjectsView) clearFilters() {
	v.Search.OnChanged = nil
	v.Search.SetText("")
	v.Search.OnChanged = func(string) { v.debounceSearch() }
	v.Status.OnChanged = nil
	v.Status.SetSelectedIndex(0)
	v.Status.OnChanged = func(string) { v.SearchNow() }
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
	v.debounce = time.AfterFunc(v.m.ui.Opts.SearchDelay, func() {
		v.m.ui.Opts.Do(v.SearchNow)
	})
}

// SearchNow runs the search box's query from the first page.
func (v *ProjectsView) SearchNow() {
	if v.debounce != nil {
		v.debounce.Stop()
	}
	v.activated = true
	v.query.Text = v.Search.Text
	v.query.Statuses = nil
	if i := v.Status.SelectedIndex(); i > 0 {
		v.query.Statuses = []string{workfront.Statuses[i-1].Code}
	}
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
	v.Table.Refresh()
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

type pageResult struct {
	page  workfront.Page
	count int // -1: unchanged
}

// Reload fetches the current page. A newer request cancels the older one,
// and a late answer to an older request is dropped.
func (v *ProjectsView) Reload() {
	if v.cancel != nil {
		v.cancel()
	}
	v.seq++
	seq := v.seq
	ctx, cancel := context.WithCancel(v.ctx)
	v.cancel = cancel
	q := v.query
	key := fmt.Sprintf("%q|%q", q.Text, q.Statuses)
	needCount := key != v.countKey
	v.showLoading(true)
	v.ProblemBox.Hide()
	name := v.profile.Name
	background(v.m.ui, func() (pageResult, error) {
		src, err := v.m.ui.Backend.Projects(name)
		if err != nil {
			return pageResult{}, err
		}
		res := pageResult{count: -1}
		if needCount {
			if res.count, err = src.CountProjects(ctx, q); err != nil {
				return res, err
			}
		}
		res.page, err = src.SearchProjects(ctx, q)
		return res, err
	}, func(res pageResult, err error) {
		if seq != v.seq || v.ctx.Err() != nil {
			return // a newer request (or Stop) has taken over
		}
		v.showLoading(false)
		if err != nil {
			v.showProblem(err)
			return
		}
		if res.count >= 0 {
			v.total, v.countKey = res.count, key
		}
		v.Rows.Apply(res.page.Projects)
		v.selected = -1
		v.Table.UnselectAll()
		v.DetailsPane.Hide()
		v.Table.ScrollToTop()
		v.Table.Refresh()
		if len(v.Rows.Projects) == 0 {
			v.EmptyLabel.Show()
			v.Empty.Show()
			setVisible(v.ClearFilters, v.Search.Text != "" || v.Status.SelectedIndex() > 0)
		} else {
			v.EmptyLabel.Hide()
			v.Empty.Hide()
		}
		v.renderPager()
	})
}

func (v *ProjectsView) showLoading(on bool) {
	if on {
		v.Loading.Show()
		v.Loading.Start()
		v.StopButton.Show()
		return
	}
	v.Loading.Stop()
	v.Loading.Hide()
	v.StopButton.Hide()
}

// StopLoading gives up on a slow answer; Retry asks again.
func (v *ProjectsView) StopLoading() {
	if v.cancel != nil {
		v.cancel()
	}
	v.seq++ // drop the stopped answer if it still comes
	v.showLoading(false)
	v.Problem.SetText(lang.L("Stopped: Workfront had not answered yet. Retry asks again."))
	v.Reconnect.Hide()
	v.RetryButton.Show()
	v.ProblemBox.Show()
	v.renderPager()
}

func (v *ProjectsView) showProblem(err error) {
	v.Problem.Importance = widget.DangerImportance
	v.Reconnect.SetText(lang.L("Reconnect"))
	v.Problem.SetText(ErrorText(err))
	needsConsent := workspace.IsNeedsConsent(err)
	setVisible(v.Reconnect, needsConsent)
	setVisible(v.RetryButton, !needsConsent && !errors.Is(err, context.Canceled))
	v.ProblemBox.Show()
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
	n := len(v.Rows.Projects)
	switch {
	case v.total < 0:
		v.Total.SetText("")
	case n == 0:
		v.Total.SetText(fmt.Sprintf(lang.L("0 of %s"), thousands(v.total)))
	default:
		v.Total.SetText(fmt.Sprintf(lang.L("%s–%s of %s"), thousands(v.query.First+1), thousands(v.query.First+n), thousands(v.total)))
	}
	setEnabled(v.PrevButton, v.query.First > 0)
	setEnabled(v.NextButton, n == PageSize && (v.total < 0 || v.query.First+n < v.total))
}

func (v *ProjectsView) showDetails(row int) {
	v.selected = row
	p := v.Rows.Projects[row]
	v.DetailTitle.SetText(p.Name)
	text := fmt.Sprintf("%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %.0f%%\nID: %s",
		lang.L("Status"), lang.L(workfront.StatusName(p.Status)),
		lang.L("Owner"), orDash(p.OwnerName),
		lang.L("Planned start"), orDash(localDate(p.PlannedStart)),
		lang.L("Planned completion"), orDash(localDate(p.PlannedCompletion)),
		lang.L("% complete"), p.PercentComplete,
		p.ID)
	if p.Description != "" {
		text += "\n\n" + p.Description
	}
	v.DetailFields.SetText(text)
	v.DetailsPane.Show()
}

// SelectedURL is the web link of the selected project ("" when none).
func (v *ProjectsView) SelectedURL() string {
	if v.selected < 0 || v.selected >= len(v.Rows.Projects) {
		return ""
	}
	return workfront.ProjectURL(v.profile.Host, v.Rows.Projects[v.selected].ID)
}

func (v *ProjectsView) openSelected() {
	if u := v.SelectedURL(); u != "" {
		go func() {
			if err := v.m.ui.Opts.OpenURL(u); err != nil {
				v.m.ui.Opts.Do(func() {
					v.showProblem(fmt.Errorf("%s %s", lang.L("Could not open a browser. Copy the link instead:"), u))
				})
			}
		}()
	}
}

func (v *ProjectsView) copySelected(link bool) {
	if v.selected < 0 {
		return
	}
	text := v.Rows.Projects[v.selected].ID
	if link {
		text = v.SelectedURL()
	}
	v.m.ui.App.Clipboard().SetContent(text)
}
