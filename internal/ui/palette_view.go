package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/palette"
)

// The command palette (Ctrl+K): one box that finds, as people type, the
// instance's object types, the saved and recent queries, the objects
// opened lately, the connections and the app's commands, each with its
// shortcut; Enter does the one selected.

// paletteEntry is the palette's box: Up and Down move through the list,
// Enter does the selected entry, Esc closes, the rest types.
type paletteEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool
}

func newPaletteEntry(onKey func(*fyne.KeyEvent) bool) *paletteEntry {
	e := &paletteEntry{onKey: onKey}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey lets the palette have the keys that move and choose.
func (e *paletteEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// paletteAction is what an entry does when chosen.
type paletteAction struct {
	item palette.Item
	do   func()
}

// CommandPalette is the open palette, for tests.
type CommandPalette struct {
	Entry   *paletteEntry
	List    *widget.List
	actions []paletteAction
	index   *palette.Index
	shown   []int
	current int
	popup   *widget.PopUp
}

// kindLabel names an entry's kind for people.
func kindLabel(kind string) string {
	switch kind {
	case "type":
		return lang.L("Object type")
	case "saved":
		return lang.L("Saved query")
	case "history":
		return lang.L("Recent query")
	case "object":
		return lang.L("Opened lately")
	case "connection":
		return lang.L("Connection")
	}
	return lang.L("Command")
}

func newCommandPalette(actions []paletteAction, c fyne.Canvas) *CommandPalette {
	p := &CommandPalette{actions: actions, current: -1}
	items := make([]palette.Item, len(actions))
	for i, a := range actions {
		items[i] = a.item
	}
	p.index = palette.NewIndex(items)
	p.Entry = newPaletteEntry(p.key)
	p.Entry.SetPlaceHolder(lang.L("Type a type, a query, an object, a connection or a command…"))
	p.Entry.OnChanged = func(string) { p.filter() }
	p.Entry.OnSubmitted = func(string) { p.Run() }
	p.List = widget.NewList(func() int { return len(p.shown) }, newPaletteRow, p.updateRow)
	p.List.OnSelected = func(id widget.ListItemID) { p.current = id }
	p.List.HideSeparators = true
	box := container.NewBorder(p.Entry, nil, nil, nil, p.List)
	p.popup = widget.NewModalPopUp(container.NewGridWrap(fyne.NewSize(640, 400), box), c)
	p.filter()
	return p
}

func newPaletteRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.SizeName = theme.SizeNameCaptionText
	detail.Truncation = fyne.TextTruncateEllipsis
	kind := widget.NewLabel("")
	kind.SizeName = theme.SizeNameCaptionText
	return container.NewBorder(nil, nil, nil, kind, container.NewVBox(title, detail))
}

func (p *CommandPalette) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.shown) {
		return
	}
	it := p.actions[p.shown[id]].item
	row := o.(*fyne.Container)
	texts := row.Objects[0].(*fyne.Container)
	texts.Objects[0].(*widget.Label).SetText(it.Title)
	texts.Objects[1].(*widget.Label).SetText(it.Detail)
	side := kindLabel(it.Kind)
	if it.Shortcut != "" {
		side = it.Shortcut + "  " + side
	}
	row.Objects[1].(*widget.Label).SetText(side)
}

// paletteLimit is how many entries the list shows at most: enough to
// scroll through, few enough to draw within a frame.
const paletteLimit = 60

// filter shows the entries that match the box, the best first.
func (p *CommandPalette) filter() {
	p.shown = p.index.Find(p.Entry.Text, paletteLimit)
	p.List.UnselectAll() // Select skips a row selected already, and its callback too
	p.List.Refresh()
	p.current = -1
	if len(p.shown) > 0 {
		p.List.Select(0)
		p.List.ScrollToTop()
	}
}

func (p *CommandPalette) key(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		p.move(1)
	case fyne.KeyUp:
		p.move(-1)
	case fyne.KeyEscape:
		p.Close()
	default:
		return false
	}
	return true
}

func (p *CommandPalette) move(dir int) {
	if n := len(p.shown); n > 0 {
		next := max(0, min(n-1, p.current+dir))
		p.List.Select(next)
		p.List.ScrollTo(next)
	}
}

// Shown are the titles listed now, best first, for tests.
func (p *CommandPalette) Shown() []palette.Item {
	out := make([]palette.Item, len(p.shown))
	for i, j := range p.shown {
		out[i] = p.actions[j].item
	}
	return out
}

// Run does the selected entry and closes the palette.
func (p *CommandPalette) Run() {
	if p.current < 0 || p.current >= len(p.shown) {
		return
	}
	do := p.actions[p.shown[p.current]].do
	p.Close()
	do()
}

// Close hides the palette.
func (p *CommandPalette) Close() { p.popup.Hide() }
