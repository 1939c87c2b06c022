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

// Select shows every field of a row's object in the details pane, its
// custom fields apart, with its references and collections as links.
func (v *BrowserView) Select(row int) {
	if row < 0 || row >= len(v.Grid.Objects) {
		return
	}
	v.selected = row
	o := v.Grid.Objects[row]
	// "*" leaves custom data out: parameterValues brings all of it.
	fields := []string{"*", "parameterValues"}
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
	if v.deps.OnShown != nil && (v.detail == nil || v.detail.ID() != o.ID()) {
		v.deps.OnShown(v.objCode, o.ID(), cleanCell(o.Name()))
	}
	v.detail = o
	v.editor.Show(v.meta, o)
	box := append(v.detailHeader(o), v.editor.Header()...)
	var custom []workfront.FieldMeta
	for _, f := range v.meta.Fields {
		if f.Custom {
			custom = append(custom, f)
		} else if val, ok := o.Value(f.Name); (ok && val != nil) || v.editor.IsPending(f.Name) {
			box = append(box, v.editor.Line(f, v.cellText(o, f.Name)))
		}
	}
	box = append(box, v.customLines(o, custom)...)
	if len(v.meta.References) > 0 {
		box = append(box, bold(lang.L("References")))
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
		box = append(box, bold(lang.L("Collections")))
		buttons := make([]*widget.Button, len(v.meta.Collections))
		for i, c := range v.meta.Collections {
			buttons[i] = widget.NewButton(c.Label, func() { v.Drill(c, o) })
			box = append(box, buttons[i])
		}
		v.countCollections(o, v.meta.Collections, buttons)
	}
	v.Grid.Details.Objects = box
	v.Grid.Details.Refresh()
}

// detailHeader is the object's name, type and ID, and what opens or copies it.
func (v *BrowserView) detailHeader(o workfront.Object) []fyne.CanvasObject {
	title := bold(cleanCell(o.Name()))
	title.Wrapping = fyne.TextWrapWord
	box := []fyne.CanvasObject{title, widget.NewLabel(o.ObjCode() + " · " + o.ID())}
	if v.Grid.Link(o) == "" {
		return append(box, widget.NewButtonWithIcon(lang.L("Copy ID"), theme.ContentCopyIcon(), v.Grid.CopyID))
	}
	open := widget.NewButtonWithIcon(lang.L("Open in Workfront"), theme.ComputerIcon(), v.Grid.Open)
	open.Importance = widget.HighImportance
	return append(box, open, container.NewGridWithColumns(2,
		widget.NewButtonWithIcon(lang.L("Copy link"), theme.ContentCopyIcon(), v.Grid.CopyLink),
		widget.NewButtonWithIcon(lang.L("Copy ID"), theme.ContentCopyIcon(), v.Grid.CopyID)))
}

// detailLine is one field of the details: one line, cut with an ellipsis
// (wrapped labels overlap in a scrolled box).
func detailLine(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// customLines are the custom fields with a value, under their own
// heading, and how many more the type has without one. Workfront sends
// them in parameterValues (or as DE: fields when named in fields=).
func (v *BrowserView) customLines(o workfront.Object, custom []workfront.FieldMeta) []fyne.CanvasObject {
	if len(custom) == 0 {
		return nil
	}
	values, _ := o["parameterValues"].(map[string]any)
	out := []fyne.CanvasObject{bold(lang.L("Custom fields"))}
	empty := 0
	for _, f := range custom {
		val, ok := values[f.Name]
		if !ok || val == nil {
			val, ok = o[f.Name]
		}
		if (!ok || val == nil || workfront.ValueText(val) == "") && !v.editor.IsPending(f.Name) {
			empty++
			continue
		}
		marked := f
		marked.Label += " *"
		out = append(out, v.editor.Line(marked, v.cellText(workfront.Object{f.Name: val}, f.Name)))
	}
	switch {
	case empty == 1:
		out = append(out, help(lang.L("1 more custom field has no value.")))
	case empty > 1:
		out = append(out, help(fmt.Sprintf(lang.L("%d more custom fields have no value."), empty)))
	}
	return out
}

// collectionCounts is how many collections are counted at once.
const collectionCounts = 4

// countCollections puts each collection's size on its button as the
// counts come (a few at a time, within Workfront's concurrency); an empty
// one cannot be opened. Selecting another object drops the late counts.
func (v *BrowserView) countCollections(parent workfront.Object, colls []workfront.RefMeta, buttons []*widget.Button) {
	ctx, current := v.counts.next(v.ctx)
	name, key, id := v.profile.Name, parentKey(v.meta), parent.ID()
	slots := make(chan struct{}, collectionCounts)
	for i, c := range colls {
		go func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			if ctx.Err() != nil {
				return
			}
			src, err := v.deps.Backend.Objects(name)
			n := 0
			if err == nil {
				n, err = src.Count(ctx, c.ObjCode, []workfront.Filter{{Key: key, Value: id}})
			}
			v.deps.Do(func() {
				if err != nil || !current() {
					return // no count: the button still opens the collection
				}
				buttons[i].SetText(fmt.Sprintf(lang.L("%s (%s)"), c.Label, thousands(n)))
				setEnabled(buttons[i], n > 0)
			})
		}()
	}
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
	extra     []workfront.Filter // EXISTS rows and rows kept as written
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
	st.extra = v.extraFilters()
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
		v.restoreExtra(last.extra)
	})
	v.renderTrail()
}

// GoBackTo returns to a step of the trail, as Back pressed until there.
func (v *BrowserView) GoBackTo(step int) {
	if step < 0 || step >= len(v.history) {
		return
	}
	v.history = v.history[:step+1]
	v.GoBack()
}

// renderTrail shows where the person is: the type alone at the start,
// then each step followed.
func (v *BrowserView) renderTrail() {
	var parts []string
	for _, h := range v.history {
		if h.scopeName != "" {
			parts = append(parts, h.scopeName)
		} else {
			parts = append(parts, v.typeLabel(h.objCode))
		}
	}
	switch {
	case v.scopeName != "":
		parts = append(parts, v.scopeName)
	case v.named != "":
		parts = append(parts, v.typeLabel(v.objCode)+" · "+cleanCell(v.named))
	case v.objCode != "":
		parts = append(parts, v.typeLabel(v.objCode))
	}
	v.Trail.SetSteps(parts)
	// A preset's tab names its type, and its links open in Explore.
	setVisible(v.Trail, v.preset.objCode == "" || len(v.history) > 0)
}
