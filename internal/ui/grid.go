package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/workfront"
)

// The table people live in, shared by Projects and Explore: columns that
// fit the window (Name takes the slack) and can be resized, numbers to the
// right, the sort arrow inside its header, a tooltip on cut text, arrow
// keys and Enter, double-click, a context menu, an empty state in the
// body, and a details pane that can be resized and hidden.

// gridColumn is one column: a Workfront field and how its values read.
type gridColumn struct {
	path    string // the field; a click on the header sorts by it
	title   string // for people, translated
	numeric bool   // right-aligned
	width   float32
	render  func(workfront.Object) string
}

// minNameWidth is the least the Name column shrinks to when the window is narrow.
const minNameWidth = 180

// doubleClick is how close two clicks on a row must be to open it.
const doubleClick = 450 * time.Millisecond

// tipDelay is how long the pointer rests on cut text before it shows whole.
const tipDelay = 600 * time.Millisecond

// objectGrid is one page of objects in a table, with its details pane.
type objectGrid struct {
	deps viewDeps

	Table        *dataTable
	EmptyLabel   *widget.Label
	ClearFilters *widget.Button
	Empty        *fyne.Container
	// Details is filled by the view; DetailsPane scrolls it beside the table.
	Details     *fyne.Container
	DetailsPane *container.Scroll
	HideDetails *widget.Button
	Split       *container.Split
	// Area is what the view puts in its body: the table, or the table
	// and the details pane side by side.
	Area *fyne.Container
	body fyne.CanvasObject

	cols    []gridColumn
	Objects []workfront.Object
	// Cells is each row's text, rendered once when the page arrives so that
	// scrolling does no formatting; cut to a column's width when drawn.
	Cells     [][]string
	fit       []int
	selected  int
	selCol    int
	sort      workfront.Sort
	nameFixed bool // the person sized Name: it no longer takes the slack
	fitNext   bool // the next page with rows sizes the columns to their text
	width     float32

	OnSort   func(path string)
	OnSelect func(row int)
	// OnMove and OnHide change the view's columns (a header's drag or menu).
	OnMove     func(from, to int)
	OnHide     func(col int)
	HeaderMenu *fyne.Menu // the header menu last shown, for tests
	pinned     int
	fixed      map[string]float32
	// Link is the object's page in Workfront ("" when its type has none).
	Link func(o workfront.Object) string
}

func newObjectGrid(deps viewDeps) *objectGrid {
	g := &objectGrid{deps: deps, selected: -1}
	t := &dataTable{g: g, dragCol: -1, moveCol: -1, moveTo: -1}
	t.Length = func() (int, int) { return len(g.Cells), len(g.cols) }
	t.CreateCell = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.UpdateCell = g.updateCell
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return newHeaderButton(g) }
	t.UpdateHeader = g.updateHeader
	t.OnSelected = func(id widget.TableCellID) {
		g.selected, g.selCol = id.Row, id.Col
		t.hideTip()
		if g.OnSelect != nil && id.Row >= 0 && id.Row < len(g.Objects) {
			g.OnSelect(id.Row)
		}
	}
	t.OnHighlighted = t.highlighted
	t.ExtendBaseWidget(t)
	g.Table = t

	g.EmptyLabel = widget.NewLabel("")
	g.EmptyLabel.Alignment = fyne.TextAlignCenter
	g.ClearFilters = widget.NewButtonWithIcon(lang.L("Clear filters"), theme.ContentClearIcon(), nil)
	g.Empty = container.NewVBox(g.EmptyLabel, container.NewCenter(g.ClearFilters))
	g.Empty.Hide()
	t.tip = newTooltip()
	g.body = container.NewStack(container.New(&fitLayout{g}, t), container.NewCenter(g.Empty), t.tip.Layer)

	g.Details = container.NewVBox()
	g.HideDetails = widget.NewButtonWithIcon("", theme.CancelIcon(), g.CloseDetails)
	g.HideDetails.Importance = widget.LowImportance
	g.DetailsPane = container.NewVScroll(container.NewPadded(
		container.NewBorder(container.NewHBox(layout.NewSpacer(), g.HideDetails), nil, nil, nil, g.Details)))
	g.DetailsPane.SetMinSize(fyne.NewSize(260, 0))
	g.DetailsPane.Hide()
	g.Split = container.NewHSplit(g.body, g.DetailsPane)
	g.Split.Offset = 0.68
	g.Area = container.NewStack(g.body)
	return g
}

// SetColumns replaces the columns; their widths start from each column's own.
func (g *objectGrid) SetColumns(cols []gridColumn) {
	g.cols = cols
	g.fit = make([]int, len(cols))
	_, g.nameFixed = g.fixedWidth("name")
	for i, c := range cols {
		if w, ok := g.fixedWidth(c.path); ok {
			g.cols[i].width, c.width = w, w
		}
		g.Table.SetColumnWidth(i, c.width)
		g.fit[i] = charsFor(c.width)
	}
	g.applyPins()
	g.fitNext = true
	g.fitName()
	g.Table.Refresh()
}

// Bounds of a column sized to its text: a code reads whole, a long
// description is cut and shows whole in the tooltip.
const (
	minFitWidth = 64
	maxFitWidth = 260
)

// fitToContent sizes each column but Name (which takes the slack) to its
// widest text on the page, its title included. Only a column set's first
// page does it, so that paging moves no column under the pointer.
func (g *objectGrid) fitToContent() {
	for j, c := range g.cols {
		if _, fixed := g.fixedWidth(c.path); c.path == "name" || fixed {
			continue
		}
		chars := textWidth(c.title) + 3 // the sort arrow's room
		for i := 0; i < len(g.Cells) && i < 500; i++ {
			chars = max(chars, textWidth(g.Cells[i][j]))
		}
		width := min(maxFitWidth, max(minFitWidth, float32(chars+1)*7.5+16))
		g.cols[j].width = width
		g.fit[j] = charsFor(width)
		g.Table.SetColumnWidth(j, width)
	}
	g.fitName()
}

// textWidth is a text's width in characters, East Asian ones counting two.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// Apply shows a page: each cell's text is rendered here, once.
func (g *objectGrid) Apply(objects []workfront.Object) {
	g.Objects = objects
	if cap(g.Cells) >= len(objects) {
		g.Cells = g.Cells[:len(objects)]
	} else {
		g.Cells = make([][]string, len(objects))
	}
	for i, o := range objects {
		row := g.Cells[i]
		if cap(row) >= len(g.cols) {
			row = row[:len(g.cols)]
		} else {
			row = make([]string, len(g.cols))
		}
		for j := range g.cols {
			row[j] = g.cols[j].render(o)
		}
		g.Cells[i] = row
	}
	if g.fitNext && len(objects) > 0 {
		g.fitNext = false
		g.fitToContent()
	}
	if g.selected >= 0 {
		g.Table.UnselectAll()
	}
	g.selected = -1
	g.Table.ScrollToTop() // redraws the visible cells
	g.CloseDetails()
}

// RefreshRow draws a row again after its object changed.
func (g *objectGrid) RefreshRow(i int) {
	if i < 0 || i >= len(g.Objects) || i >= len(g.Cells) {
		return
	}
	for j := range g.cols {
		g.Cells[i][j] = g.cols[j].render(g.Objects[i])
	}
	g.Table.Refresh()
}

// ShowEmpty says nothing matched, in the table's body, with Clear filters
// when there are filters to clear.
func (g *objectGrid) ShowEmpty(text string, filtered bool) {
	g.EmptyLabel.SetText(text)
	setVisible(g.ClearFilters, filtered)
	g.Empty.Show()
}

// HideEmpty takes the empty state away.
func (g *objectGrid) HideEmpty() { g.Empty.Hide() }

// ShowDetails puts the details pane beside the table.
func (g *objectGrid) ShowDetails() {
	if g.DetailsPane.Visible() {
		return
	}
	g.DetailsPane.Show()
	g.Area.Objects = []fyne.CanvasObject{g.Split}
	g.Area.Refresh()
}

// CloseDetails gives the table its room back.
func (g *objectGrid) CloseDetails() {
	if !g.DetailsPane.Visible() {
		return
	}
	g.DetailsPane.Hide()
	g.Area.Objects = []fyne.CanvasObject{g.body}
	g.Area.Refresh()
}

// Selected is the selected object, if any.
func (g *objectGrid) Selected() (workfront.Object, bool) {
	if g.selected < 0 || g.selected >= len(g.Objects) {
		return nil, false
	}
	return g.Objects[g.selected], true
}

// SelectRow selects a row (and scrolls to it), keeping the column.
func (g *objectGrid) SelectRow(row int) {
	if len(g.Cells) == 0 {
		return
	}
	row = max(0, min(row, len(g.Cells)-1))
	g.Table.Select(widget.TableCellID{Row: row, Col: max(0, g.selCol)})
}

// Open opens the selected object's page in the browser.
func (g *objectGrid) Open() {
	o, ok := g.Selected()
	if !ok || g.Link == nil {
		return
	}
	if u := g.Link(o); u != "" {
		go func() {
			if err := g.deps.OpenURL(u); err != nil {
				g.deps.Do(func() { g.copy(u, lang.L("Could not open a browser. The link is copied instead.")) })
			}
		}()
	}
}

// CopyLink and CopyID put the selected object's link or ID on the clipboard.
func (g *objectGrid) CopyLink() {
	if o, ok := g.Selected(); ok && g.Link != nil && g.Link(o) != "" {
		g.copy(g.Link(o), lang.L("Copied"))
	}
}

func (g *objectGrid) CopyID() {
	if o, ok := g.Selected(); ok {
		g.copy(o.ID(), lang.L("Copied"))
	}
}

func (g *objectGrid) copy(text, said string) {
	g.deps.Clipboard(text)
	g.deps.Toast(said)
}

// menu is the context menu of the selected row.
func (g *objectGrid) menu() *fyne.Menu {
	var items []*fyne.MenuItem
	if o, ok := g.Selected(); ok && g.Link != nil && g.Link(o) != "" {
		items = append(items, fyne.NewMenuItem(lang.L("Open in Workfront"), g.Open), fyne.NewMenuItem(lang.L("Copy link"), g.CopyLink))
	}
	items = append(items, fyne.NewMenuItem(lang.L("Copy ID"), g.CopyID))
	return fyne.NewMenu("", items...)
}

func (g *objectGrid) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(g.Cells) || id.Col >= len(g.Cells[id.Row]) || id.Col >= len(g.cols) {
		return
	}
	align := fyne.TextAlignLeading
	if g.cols[id.Col].numeric {
		align = fyne.TextAlignTrailing
	}
	if l.Alignment != align {
		l.Alignment = align
	}
	// Cut by characters, not by measuring: measuring every cell on every
	// redraw made a page of 2000 rows many times slower.
	l.SetText(cut(g.Cells[id.Row][id.Col], g.fit[id.Col]))
}

func (g *objectGrid) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*headerButton)
	h.col = id.Col
	b := &h.Button
	if id.Col < 0 || id.Col >= len(g.cols) {
		return
	}
	col := g.cols[id.Col]
	room := g.fit[id.Col]
	var icon fyne.Resource
	if g.sort.Field == col.path {
		icon = theme.MenuDropUpIcon()
		if g.sort.Desc {
			icon = theme.MenuDropDownIcon()
		}
		room -= 3 // the arrow's room, inside the header
	}
	b.Icon = icon
	if col.numeric {
		b.Alignment = widget.ButtonAlignTrailing
	} else {
		b.Alignment = widget.ButtonAlignLeading
	}
	b.SetText(cut(col.title, max(3, room)))
	b.OnTapped = func() {
		if g.OnSort != nil {
			g.OnSort(col.path)
		}
	}
}

// SetSort marks the sorted column.
func (g *objectGrid) SetSort(s workfront.Sort) {
	g.sort = s
	g.Table.Refresh()
}

// fitName gives the Name column what the others leave of the width.
func (g *objectGrid) fitName() {
	name := -1
	var others float32
	sep := theme.SeparatorThicknessSize()
	for i, c := range g.cols {
		if c.path == "name" && name < 0 {
			name = i
			continue
		}
		others += c.width + sep
	}
	if name < 0 || g.nameFixed || g.width <= 0 {
		return
	}
	w := max(minNameWidth, g.width-others-sep-2*theme.Padding())
	if d := w - g.cols[name].width; d > 0.5 || d < -0.5 {
		g.cols[name].width = w
		g.fit[name] = charsFor(w)
		g.Table.SetColumnWidth(name, w)
	}
}

// resized is a column the person dragged to a new width.
func (g *objectGrid) resized(col int, width float32) {
	if col < 0 || col >= len(g.cols) {
		return
	}
	g.cols[col].width = width
	if g.fixed == nil {
		g.fixed = map[string]float32{}
	}
	g.fixed[g.cols[col].path] = width // a width the person chose stays
	g.fit[col] = charsFor(width)
	g.Table.SetColumnWidth(col, width) // as the table's own drag did; tests drag without it
	if g.cols[col].path == "name" {
		g.nameFixed = true
	}
	g.fitName()
	g.Table.Refresh()
}

// boundaryAt is the column whose right edge is at x (a header divider), or -1.
func (g *objectGrid) boundaryAt(x float32) int {
	sep := theme.SeparatorThicknessSize()
	var edge float32
	for i, c := range g.cols {
		edge += c.width
		if x > edge-6 && x < edge+sep+6 {
			return i
		}
		edge += sep
	}
	return -1
}

// fitLayout lays the table out and lets Name take the slack of a new width.
type fitLayout struct{ g *objectGrid }

func (l *fitLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.g.width {
		l.g.width = size.Width
		l.g.fitName()
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *fitLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(minNameWidth, 120)
}

// dataTable is a widget.Table that moves its selection with the keys,
// opens on Enter and double-click, has a context menu and shows cut text
// whole when the pointer rests on it.
type dataTable struct {
	widget.Table
	g *objectGrid

	lastTap    time.Time
	lastTapRow int
	mouse      fyne.Position // absolute, for the tooltip
	fromMouse  bool
	tip        *tooltip
	tipTimer   Timer
	tipSeq     int
	dragCol    int
	moveCol    int // the column whose header is being dragged sideways
	moveTo     int
	dragStartX float32
	dragStartW float32
	// Menu is the context menu last shown, MenuModel its items.
	Menu      *widget.PopUpMenu
	MenuModel *fyne.Menu
}

// TypedKey: Up and Down (and Page Up, Page Down, Home, End) move the
// selection, which updates the details; Enter opens the row.
func (t *dataTable) TypedKey(e *fyne.KeyEvent) {
	g := t.g
	page := max(1, int(t.Size().Height/max(1, widget.NewLabel("").MinSize().Height))-2)
	switch e.Name {
	case fyne.KeyDown:
		g.SelectRow(g.selected + 1)
	case fyne.KeyUp:
		g.SelectRow(max(0, g.selected-1))
	case fyne.KeyPageDown:
		g.SelectRow(g.selected + page)
	case fyne.KeyPageUp:
		g.SelectRow(g.selected - page)
	case fyne.KeyHome:
		g.SelectRow(0)
	case fyne.KeyEnd:
		g.SelectRow(len(g.Cells) - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		g.Open()
	default:
		t.Table.TypedKey(e)
	}
}

// Tapped selects; a second click on the same row soon after opens it.
func (t *dataTable) Tapped(e *fyne.PointEvent) {
	t.hideTip()
	t.Table.Tapped(e)
	now := time.Now()
	if t.g.selected >= 0 && t.g.selected == t.lastTapRow && now.Sub(t.lastTap) < doubleClick {
		t.lastTap = time.Time{}
		t.g.Open()
		return
	}
	t.lastTap, t.lastTapRow = now, t.g.selected
}

// TappedSecondary selects the row under the pointer and shows its menu.
func (t *dataTable) TappedSecondary(e *fyne.PointEvent) {
	t.hideTip()
	t.Table.Tapped(e)
	if t.g.selected < 0 {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		t.MenuModel = t.g.menu()
		t.Menu = widget.NewPopUpMenu(t.MenuModel, c)
		t.Menu.ShowAtPosition(e.AbsolutePosition)
	}
}

func (t *dataTable) MouseMoved(e *desktop.MouseEvent) {
	t.mouse = e.AbsolutePosition
	t.fromMouse = true
	t.Table.MouseMoved(e)
	t.fromMouse = false
	if text := t.tip.Text(); text != "" {
		t.tip.ShowAt(text, relative(t, t.mouse)) // the tip follows the pointer within its cell
	}
}

func (t *dataTable) MouseOut() {
	t.hideTip()
	t.Table.MouseOut()
}

// Dragged resizes a column when the drag began on a header divider, and
// remembers the width so that Name can take what is left.
func (t *dataTable) Dragged(e *fyne.DragEvent) {
	if t.dragCol < 0 && t.headerDragged(e) {
		return
	}
	if t.dragCol < 0 {
		start := e.Position.Subtract(e.Dragged)
		if start.Y <= t.headerHeight() {
			if col := t.g.boundaryAt(start.X); col >= 0 {
				t.dragCol, t.dragStartX, t.dragStartW = col, start.X, t.g.cols[col].width
			}
		}
	}
	t.Table.Dragged(e)
	if t.dragCol >= 0 {
		min := widget.NewLabel("").MinSize().Width
		t.g.resized(t.dragCol, max(min, t.dragStartW+e.Position.X-t.dragStartX))
	}
}

func (t *dataTable) DragEnd() {
	if t.headerDropped() {
		return
	}
	t.dragCol = -1
	t.Table.DragEnd()
}

func (t *dataTable) headerHeight() float32 {
	return t.CreateHeader().MinSize().Height
}
