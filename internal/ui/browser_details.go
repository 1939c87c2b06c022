package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/workfront"
)

// Explore's details pane and its trail: the selected object whole, its references and collections as links, drill-downs, and Back.

// Select shows every field of a row's object in the details pane, with its
// references and collections as links.
func (v *BrowserView) Select(row int) {
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
	backgroundOn(v.deps.Do, func() (workfront.Object, error) {
		src, err := v.deps.Backend.Objects(name)
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

func (v *BrowserView) showDetails(o workfront.Object) {
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
func (v *BrowserView) Drill(coll workfront.RefMeta, parent workfront.Object) {
	v.follow(coll.ObjCode, []workfront.Filter{{Key: parentKey(v.meta), Value: parent.ID()}},
		fmt.Sprintf(lang.L("%s of %s"), coll.Label, cleanCell(parent.Name())))
}

// OpenObject shows one object (a reference followed), selected.
func (v *BrowserView) OpenObject(objCode, id, title string) {
	v.follow(objCode, []workfront.Filter{{Key: "ID", Value: id}}, title)
}

// follow shows what a link leads to as a step of the trail. A preset
// keeps to its type: a link to another type opens in Explore.
func (v *BrowserView) follow(objCode string, scope []workfront.Filter, title string) {
	if v.preset.objCode != "" && !strings.EqualFold(objCode, v.preset.objCode) {
		if v.deps.OnOpenScope != nil {
			v.deps.OnOpenScope(objCode, scope, title)
		}
		return
	}
	v.push()
	v.scope = scope
	v.scopeName = title
	v.emptySearch()
	v.renderTrail()
	v.SetType(objCode)
}

// OpenScope shows the objects a filter set picks out (a report's bar), as
// a step of the trail that Back returns from.
func (v *BrowserView) OpenScope(objCode string, scope []workfront.Filter, title string) {
	v.Activate()
	v.follow(objCode, scope, title)
}

// ShowReport opens the Reports tab on this search's type and filters.
func (v *BrowserView) ShowReport() {
	if v.deps.OnReport == nil || v.objCode == "" {
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
	if len(v.statusCodes()) > 0 {
		parts = append(parts, v.Status.Button.Text)
	}
	for _, f := range v.Filters {
		if d := f.describe(); d != "" {
			parts = append(parts, d)
		}
	}
	v.deps.OnReport(v.objCode, s.Filters, strings.Join(parts, " · "))
}

// browserState is where Back returns to: the type and scope, and the
// search as it was (text, statuses, filter rows, sort, page, selection).
type browserState struct {
	objCode   string
	scope     []workfront.Filter
	scopeName string
	text      string
	statuses  []string
	filters   []filterState
	sortBy    workfront.Sort
	first     int
	total     int
	selected  int
}

func (v *BrowserView) push() {
	if v.objCode == "" {
		return
	}
	st := browserState{objCode: v.objCode, scope: v.scope, scopeName: v.scopeName, text: v.Search.Text,
		statuses: v.statusCodes(), sortBy: v.sortBy, first: v.first, total: v.total, selected: v.selected}
	for _, f := range v.Filters {
		st.filters = append(st.filters, f.state())
	}
	v.history = append(v.history, st)
	v.Back.Enable()
}

// GoBack returns to where the last link was followed from, with the
// search, page and selected row it had.
func (v *BrowserView) GoBack() {
	if len(v.history) == 0 {
		return
	}
	last := v.history[len(v.history)-1]
	v.history = v.history[:len(v.history)-1]
	setEnabled(v.Back, len(v.history) > 0)
	v.scope, v.scopeName = last.scope, last.scopeName
	v.emptySearch()
	setTextQuietly(v.Search, last.text)
	if v.Status != nil {
		v.Status.Set(last.statuses)
	}
	v.objCode = last.objCode
	v.syncPicker()
	v.sortBy, v.first, v.total = last.sortBy, last.first, last.total
	v.restore = &last
	v.loadType(func() {
		for _, f := range last.filters {
			v.restoreFilterRow(f)
		}
	})
	v.renderTrail()
}

func (v *BrowserView) renderTrail() {
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
