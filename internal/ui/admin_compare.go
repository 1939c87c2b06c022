package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/workfront"
)

// The comparisons people choose among.
const (
	compareForms    = "forms"
	compareTypes    = "types"
	compareVersions = "versions"
	compareObjects  = "objects"
)

// CompareView compares the connection with another one (custom forms, or
// object types), two of its API versions, or two objects field by field,
// and shows the differences as a tree with counts.
type CompareView struct {
	deps  adminDeps
	model compareModel
	req   latest
	// sideA and sideB name the two sides of the comparison shown.
	sideA, sideB string

	What                 *widget.RadioGroup
	Other                *widget.Select
	VersionA, VersionB   *widget.Select
	ObjCode, IDA, IDB    *widget.Entry
	RunButton            *widget.Button
	OnlyDifferences      *widget.Check
	ExportCSV, ExportJSN *widget.Button
	Summary              *widget.Label
	HeaderA, HeaderB     *widget.Label
	Tree                 *widget.Tree
	Status               *pageStatus
	Content              fyne.CanvasObject

	choices    map[string]*fyne.Container // the inputs each comparison asks for
	kindLabels []string                   // the comparisons' names for people
}

// compareKinds are the comparisons, in the order they are offered.
func compareKinds() []string {
	return []string{compareForms, compareTypes, compareVersions, compareObjects}
}

func newCompareView(deps adminDeps) *CompareView {
	v := &CompareView{deps: deps}
	v.model.onlyDiffs = true
	v.Other = widget.NewSelect(nil, nil)
	v.Other.PlaceHolder = lang.L("(choose a connection)")
	versions := versionNames()
	v.VersionA, v.VersionB = widget.NewSelect(versions, nil), widget.NewSelect(versions, nil)
	v.VersionA.SetSelected(deps.Profile.APIVersion)
	if len(versions) > 0 {
		v.VersionB.SetSelected(versions[0])
	}
	v.ObjCode, v.IDA, v.IDB = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.ObjCode.SetPlaceHolder(lang.L("Type, e.g. PROJ"))
	v.IDA.SetPlaceHolder(lang.L("ID here"))
	v.IDB.SetPlaceHolder(lang.L("ID there (empty: the same ID)"))
	v.RunButton = widget.NewButtonWithIcon(lang.L("Compare"), theme.MediaPlayIcon(), v.Run)
	v.RunButton.Importance = widget.HighImportance
	v.OnlyDifferences = widget.NewCheck(lang.L("Only differences"), nil)
	v.OnlyDifferences.SetChecked(true)
	v.OnlyDifferences.OnChanged = v.setOnlyDifferences
	v.ExportCSV = lowButton(lang.L("Export CSV…"), theme.DocumentSaveIcon(), func() { v.export("csv") })
	v.ExportJSN = lowButton(lang.L("Export JSON…"), theme.DocumentSaveIcon(), func() { v.export("json") })
	v.Summary = bold(lang.L("Choose what to compare, then Compare."))
	v.Summary.Wrapping = fyne.TextWrapWord
	v.HeaderA, v.HeaderB = bold(""), bold("")
	v.Status = newPageStatus(v.Cancel, v.Run, deps.OnConnect)
	v.Tree = widget.NewTree(v.model.children, func(uid string) bool { return len(v.model.children(uid)) > 0 },
		func(bool) fyne.CanvasObject { return newCompareRowWidgets() }, v.updateRow)
	v.setExportable(false)
	v.Content = v.layout()
	return v
}

// versionNames are the API versions wfconnect knows, newest first.
func versionNames() []string {
	var out []string
	for _, k := range workfront.KnownVersions() {
		out = append(out, k.Name)
	}
	return out
}

func (v *CompareView) layout() fyne.CanvasObject {
	label := func(s string) fyne.CanvasObject { return widget.NewLabel(s) }
	v.choices = map[string]*fyne.Container{
		compareForms:    container.NewBorder(nil, nil, label(lang.L("with")), nil, v.Other),
		compareTypes:    container.NewBorder(nil, nil, label(lang.L("with")), nil, v.Other),
		compareVersions: container.NewHBox(v.VersionA, label(lang.L("with")), v.VersionB),
		compareObjects:  container.NewGridWithColumns(3, v.ObjCode, v.IDA, v.IDB),
	}
	kinds := compareKinds()
	labels := []string{lang.L("Custom forms"), lang.L("Object types"), lang.L("API versions"), lang.L("Two objects")}
	v.kindLabels = labels
	inputs := container.NewStack()
	v.What = widget.NewRadioGroup(labels, func(l string) {
		i := slices.Index(labels, l)
		if i < 0 {
			v.What.SetSelected(labels[0]) // a radio tapped twice is unset: keep one
			return
		}
		k := kinds[i]
		inputs.Objects = []fyne.CanvasObject{v.choices[k]}
		if k == compareObjects {
			inputs.Objects = append(inputs.Objects[:0], container.NewBorder(nil, nil, nil,
				container.NewHBox(label(lang.L("on")), v.Other), v.choices[k]))
		}
		inputs.Refresh()
	})
	v.What.Horizontal = true
	v.What.SetSelected(labels[0])
	top := container.NewVBox(v.What, container.NewBorder(nil, nil, nil, v.RunButton, inputs))
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(v.OnlyDifferences, v.ExportCSV, v.ExportJSN), v.Summary)
	header := container.New(&compareColumns{}, bold(lang.L("Compared")), v.HeaderA, v.HeaderB)
	return container.NewBorder(container.NewVBox(top, tools, statusLine(v.Status), header), nil, nil, nil, v.Tree)
}

// kind is the comparison chosen.
func (v *CompareView) kind() string {
	if i := slices.Index(v.kindLabels, v.What.Selected); i >= 0 {
		return compareKinds()[i]
	}
	return compareForms
}

// Activate lists the other connections, the shown one first.
func (v *CompareView) Activate() {
	names := v.deps.Others()
	v.Other.SetOptions(names)
	if v.Other.Selected == "" || !slices.Contains(names, v.Other.Selected) {
		for _, n := range names {
			if n != v.deps.Profile.Name {
				v.Other.SetSelected(n)
				break
			}
		}
	}
}

func newCompareRowWidgets() fyne.CanvasObject {
	return container.New(&compareColumns{}, widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""))
}

// compareColumns lays a row's three cells out in the tree's thirds, so
// the two sides line up at every depth: shift is how far right of the
// tree's left edge the row starts (its indent).
type compareColumns struct{ shift float32 }

// treeShift is where a tree row's content starts at a depth: Fyne's
// padding, the branch icon, padding, and the indent.
func treeShift(depth int) float32 {
	step := theme.IconInlineSize() + theme.Padding()
	return 2*theme.Padding() + theme.IconInlineSize() + float32(depth)*step
}

func (c *compareColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objects {
		m := o.MinSize()
		w, h = w+m.Width, max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

func (c *compareColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	col := (size.Width + c.shift) / 3
	x := []float32{0, max(col-c.shift, 0), max(2*col-c.shift, 0), size.Width}
	for i, o := range objects {
		o.Move(fyne.NewPos(x[i], 0))
		o.Resize(fyne.NewSize(max(x[i+1]-x[i], 0), size.Height))
	}
}

func (v *CompareView) updateRow(uid string, _ bool, o fyne.CanvasObject) {
	n, ok := v.model.node(uid)
	if !ok {
		return
	}
	r := compareRowOf(n)
	row := o.(*fyne.Container)
	row.Layout.(*compareColumns).shift = treeShift(strings.Count(uid, "/"))
	row.Refresh()
	cells := row.Objects
	name := cells[0].(*widget.Label)
	name.Truncation = fyne.TextTruncateEllipsis
	name.SetText(r.Name)
	name.Importance = stateImportanceOf(r.State)
	name.Refresh()
	for i, text := range []string{r.A, r.B} {
		l := cells[i+1].(*widget.Label)
		l.Truncation = fyne.TextTruncateEllipsis
		l.SetText(strings.ReplaceAll(text, "\n", " "))
	}
}

// stateImportanceOf colours a row by what was found.
func stateImportanceOf(s compare.State) widget.Importance {
	switch s {
	case compare.OnlyA, compare.OnlyB:
		return widget.WarningImportance
	case compare.Different:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func (v *CompareView) setOnlyDifferences(on bool) {
	v.model.setOnlyDifferences(on)
	v.showTree()
}

func (v *CompareView) showTree() {
	v.Tree.CloseAllBranches()
	v.Tree.Refresh()
	for _, uid := range v.model.branchesToOpen() {
		v.Tree.OpenBranch(uid)
	}
}

func (v *CompareView) setExportable(on bool) {
	setEnabled(v.ExportCSV, on)
	setEnabled(v.ExportJSN, on)
}
