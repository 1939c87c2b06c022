package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/msg"
)

// statusLine lays a page status out as one line: the bar with Stop, or
// the problem with its buttons.
func statusLine(p *pageStatus) fyne.CanvasObject {
	return container.NewVBox(container.NewBorder(nil, nil, nil, p.Stop, p.Loading), p.Box)
}

// compareJob is one comparison asked for: its two sides' names and how
// to read it.
type compareJob struct {
	sideA, sideB string
	read         func(ctx context.Context) ([]compare.Node, error)
}

// job reads the inputs into a comparison, or says what is missing.
func (v *CompareView) job() (compareJob, error) {
	b, me := v.deps.Backend, v.deps.Profile.Name
	other := v.Other.Selected
	switch v.kind() {
	case compareVersions:
		va, vb := v.VersionA.Selected, v.VersionB.Selected
		if va == "" || vb == "" {
			return compareJob{}, msg.New("Choose the two API versions to compare.")
		}
		return compareJob{sideA: me + " " + va, sideB: me + " " + vb, read: func(ctx context.Context) ([]compare.Node, error) {
			return b.CompareVersions(ctx, me, va, vb)
		}}, nil
	case compareObjects:
		obj, idA, idB := strings.TrimSpace(v.ObjCode.Text), strings.TrimSpace(v.IDA.Text), strings.TrimSpace(v.IDB.Text)
		if other == "" {
			other = me
		}
		if obj == "" || idA == "" {
			return compareJob{}, msg.New("Give the object type and at least the first object's ID.")
		}
		if idB == "" {
			idB = idA
		}
		return compareJob{sideA: me + " " + idA, sideB: other + " " + idB, read: func(ctx context.Context) ([]compare.Node, error) {
			return b.CompareObjects(ctx, me, other, obj, idA, idB)
		}}, nil
	}
	if other == "" {
		return compareJob{}, msg.New("Choose the connection to compare with.")
	}
	read := b.CompareForms
	if v.kind() == compareTypes {
		read = b.CompareTypes
	}
	return compareJob{sideA: me, sideB: other, read: func(ctx context.Context) ([]compare.Node, error) {
		return read(ctx, me, other)
	}}, nil
}

// Run reads both sides and shows the comparison.
func (v *CompareView) Run() {
	j, err := v.job()
	if err != nil {
		v.Status.say(ErrorText(err), widget.DangerImportance)
		return
	}
	ctx, current := v.req.next(v.deps.Context)
	v.Status.loading(true)
	v.RunButton.Disable()
	v.Summary.SetText(fmt.Sprintf(lang.L("Reading %s and %s…"), j.sideA, j.sideB))
	backgroundOn(v.deps.Do, func() ([]compare.Node, error) { return j.read(ctx) }, func(nodes []compare.Node, err error) {
		if !current() {
			return
		}
		v.RunButton.Enable()
		v.Status.loading(false)
		if err != nil {
			v.Status.failed(err)
			v.Summary.SetText(lang.L("The comparison could not be made."))
			return
		}
		v.show(j, nodes)
	})
}

// show shows a finished comparison.
func (v *CompareView) show(j compareJob, nodes []compare.Node) {
	v.Status.Box.Hide()
	v.sideA, v.sideB = j.sideA, j.sideB
	v.HeaderA.SetText(j.sideA)
	v.HeaderB.SetText(j.sideB)
	v.model.set(nodes)
	v.Summary.SetText(v.model.summary(j.sideA, j.sideB))
	v.setExportable(len(nodes) > 0)
	v.showTree()
}

// Cancel gives up the comparison in flight.
func (v *CompareView) Cancel() {
	v.req.drop()
	v.RunButton.Enable()
	v.Status.stopped()
	v.Summary.SetText(lang.L("Stopped."))
}
