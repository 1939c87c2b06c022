package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/workfront"
)

// Workfront's own saved filters (UIFT) and the type's named queries
// (myWork), offered in Explore: a saved filter opens as a query whose
// filter rows are the filter's; a named query is shown like a search.

// workfrontQueryItems are the Query menu's entries that read Workfront:
// its saved filters, and each named query the type's metadata lists.
func (v *BrowserView) workfrontQueryItems() []*fyne.MenuItem {
	items := []*fyne.MenuItem{fyne.NewMenuItemSeparator(), fyne.NewMenuItem(lang.L("Workfront's saved filters…"), v.ShowSavedFilters)}
	for _, name := range v.meta.Queries {
		name := name
		items = append(items, fyne.NewMenuItem(fmt.Sprintf(lang.L("Named query: %s"), cleanCell(name)), func() { v.RunNamed(name) }))
	}
	if v.named != "" {
		items = append(items, fyne.NewMenuItem(lang.L("Back to a search"), func() { v.RunNamed("") }))
	}
	return items
}

// RunNamed shows a named query's rows instead of a search ("" returns to
// the search).
func (v *BrowserView) RunNamed(name string) {
	v.named = name
	v.first, v.total = 0, -1
	v.renderTrail()
	v.Reload()
}

// savedFiltersDialog is the open list of Workfront's saved filters, for tests.
type savedFiltersDialog struct {
	List    *queryList
	Problem *widget.Label
	filters []workfront.SavedFilter
	dlg     dialog.Dialog
}

// savedFilterQuery is a saved filter as a query on the type.
func savedFilterQuery(f workfront.SavedFilter) query.Query {
	return query.Query{Name: f.Name, ObjCode: f.ObjCode, Filters: f.Filters}
}

// ShowSavedFilters lists the instance's saved filters for the type.
func (v *BrowserView) ShowSavedFilters() {
	d := &savedFiltersDialog{}
	open := func(i int) { d.dlg.Hide(); v.openElsewhere(savedFilterQuery(d.filters[i]), d.filters[i].Name) }
	run := func(i int) { d.dlg.Hide(); v.OpenQuery(savedFilterQuery(d.filters[i])) }
	d.List = newQueryList(lang.L("Search the saved filters…"), open, run)
	d.List.Search.OnChanged = func(string) { d.List.fill(d.lines()) }
	d.Problem = notice(widget.DangerImportance)
	d.Problem.SetText(lang.L("Reading the saved filters…"))
	d.Problem.Importance = widget.MediumImportance
	d.Problem.Show()
	title := fmt.Sprintf(lang.L("Workfront's saved filters on %s"), v.typeLabel(v.objCode))
	d.dlg = dialog.NewCustom(title, lang.L("Close"), container.NewGridWrap(fyne.NewSize(680, 420), container.NewBorder(d.Problem, nil, nil, nil, d.List.content)), v.deps.Window)
	v.SavedFilters = d
	d.dlg.Show()
	obj, name := v.objCode, v.profile.Name
	backgroundOn(v.deps.Do, func() ([]workfront.SavedFilter, error) {
		src, err := v.deps.Backend.Objects(name)
		if err != nil {
			return nil, err
		}
		return src.SavedFilters(v.ctx, obj)
	}, func(fs []workfront.SavedFilter, err error) {
		d.filters = fs
		switch {
		case err != nil:
			d.Problem.Importance = widget.DangerImportance
			d.Problem.SetText(ErrorText(err))
		case len(fs) == 0:
			d.Problem.SetText(fmt.Sprintf(lang.L("No saved filters on %s in this instance."), v.typeLabel(obj)))
		default:
			d.Problem.Hide()
		}
		d.List.fill(d.lines())
	})
}

func (d *savedFiltersDialog) lines() [][2]string {
	out := make([][2]string, len(d.filters))
	for i, f := range d.filters {
		who := f.Owner
		if f.Public {
			who = strings.TrimSpace(lang.L("shared") + " " + who)
		}
		detail := strings.ReplaceAll(query.Format(f.Filters), "\n", " & ")
		if f.Problem != "" {
			detail = lang.L(f.Problem)
		}
		out[i] = [2]string{cleanCell(f.Name), cleanCell(strings.TrimSpace(who + " · " + detail))}
	}
	return out
}
