package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/query"
)

// The connection's saved queries and its recent queries (the history of
// searches run), in one dialog: searchable lists, each entry opened in a
// new tab as an editable query, or run in the tab on show; saved ones
// renamed, duplicated, deleted, exported and imported as a JSON file.

// queryLine is how a query reads in a list: its name (or its type), and
// its type, name search and filters in text mode on one line.
func queryLine(q query.Query) (title, detail string) {
	title = q.Name
	if q.Folder != "" {
		title = q.Folder + " / " + title
	}
	var parts []string
	parts = append(parts, q.ObjCode)
	if q.Named != "" {
		parts = append(parts, q.Named)
	}
	if q.Text != "" {
		parts = append(parts, fmt.Sprintf(lang.L("name contains %q"), q.Text))
	}
	if len(q.Filters) > 0 {
		parts = append(parts, strings.ReplaceAll(query.Format(q.Filters), "\n", " & "))
	}
	detail = strings.Join(parts, " · ")
	if title == "" {
		title, detail = detail, ""
	}
	return cleanCell(title), cleanCell(detail)
}

// historyLine adds when the query ran and how many rows it found.
func historyLine(e query.Entry, now time.Time) (title, detail string) {
	title, detail = queryLine(e.Query)
	when := e.At.Local().Format("2 Jan 15:04")
	if e.At.Local().YearDay() == now.Local().YearDay() && e.At.Year() == now.Year() {
		when = e.At.Local().Format("15:04")
	}
	rows := ""
	if e.Rows >= 0 {
		rows = " · " + fmt.Sprintf(lang.L("%d rows"), e.Rows)
	}
	return title, when + rows + " · " + detail
}

// queriesDialog is the dialog's state, kept for tests.
type queriesDialog struct {
	v        *BrowserView
	Saved    *queryList
	Recent   *queryList
	Tabs     *container.AppTabs
	Problem  *widget.Label
	dlg      dialog.Dialog
	saved    []query.Query
	history  []query.Entry
	rename   dialog.Dialog
	exported string // the last file written, for tests
}

// queryList is one searchable list with its buttons.
type queryList struct {
	Search  *widget.Entry
	List    *widget.List
	Open    *widget.Button
	Run     *widget.Button
	lines   [][2]string
	shown   []int // indexes into the dialog's queries or entries
	current int
	content fyne.CanvasObject
}

func newQueryList(hint string, open, run func(i int), extra ...fyne.CanvasObject) *queryList {
	l := &queryList{current: -1}
	l.Search = widget.NewEntry()
	l.Search.SetPlaceHolder(hint)
	l.List = widget.NewList(func() int { return len(l.shown) }, func() fyne.CanvasObject {
		return container.NewVBox(bold(""), detailLine(""))
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id >= len(l.shown) {
			return
		}
		box := o.(*fyne.Container)
		line := l.lines[l.shown[id]]
		box.Objects[0].(*widget.Label).SetText(line[0])
		box.Objects[1].(*widget.Label).SetText(line[1])
	})
	pick := func(f func(int)) func() {
		return func() {
			if l.current >= 0 && l.current < len(l.shown) {
				f(l.shown[l.current])
			}
		}
	}
	l.List.OnSelected = func(id widget.ListItemID) { l.current = id }
	l.Open = widget.NewButtonWithIcon(lang.L("Open in a new tab"), theme.ContentAddIcon(), pick(open))
	l.Open.Importance = widget.HighImportance
	l.Run = widget.NewButtonWithIcon(lang.L("Run here"), theme.MediaPlayIcon(), pick(run))
	// Opening first; the rest on a row of their own, so the dialog keeps
	// its width in every language.
	bottom := container.NewVBox(container.NewHBox(l.Open, l.Run))
	if len(extra) > 0 {
		bottom.Add(container.NewHBox(extra...))
	}
	l.content = container.NewBorder(l.Search, bottom, nil, nil, l.List)
	return l
}

// fill shows the lines that every word of the search box is in.
func (l *queryList) fill(lines [][2]string) {
	l.lines = lines
	words := strings.Fields(strings.ToLower(l.Search.Text))
	l.shown = l.shown[:0]
	for i, line := range lines {
		text := strings.ToLower(line[0] + " " + line[1])
		all := true
		for _, w := range words {
			all = all && strings.Contains(text, w)
		}
		if all {
			l.shown = append(l.shown, i)
		}
	}
	l.current = -1
	l.List.UnselectAll()
	l.List.Refresh()
	if len(l.shown) > 0 {
		l.List.Select(0)
	}
}
