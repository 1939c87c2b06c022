package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The table's tooltip: a cell's text cut to its column shows whole when
// the pointer rests on it.

// highlighted follows the pointer over the cells: text cut to its column
// shows whole after a moment.
func (t *dataTable) highlighted(id widget.TableCellID) {
	if !t.fromMouse {
		return
	}
	t.hideTip()
	g := t.g
	if id.Row < 0 || id.Row >= len(g.Cells) || id.Col < 0 || id.Col >= len(g.cols) {
		return
	}
	full := g.Cells[id.Row][id.Col]
	if cut(full, g.fit[id.Col]) == full {
		return
	}
	t.tipSeq++
	seq := t.tipSeq
	t.tipTimer = g.deps.AfterFunc(tipDelay, func() {
		g.deps.Do(func() {
			if seq == t.tipSeq {
				t.showTip(full, t.mouse) // where the pointer rests now, not where it came in
			}
		})
	})
}

func (t *dataTable) showTip(text string, at fyne.Position) {
	if utf8.RuneCountInString(text) > 120 {
		text = string([]rune(text)[:119]) + "…"
	}
	// Relative to the table, which shares the layer's corner: a hidden
	// layer has no absolute position (Fyne finds only what is shown).
	t.tip.ShowAt(text, relative(t, at))
}

// TipText is the tooltip showing now ("" when none), for tests.
func (t *dataTable) TipText() string { return t.tip.Text() }

func (t *dataTable) hideTip() {
	t.tipSeq++
	if t.tipTimer != nil {
		t.tipTimer.Stop()
	}
	t.tip.Hide()
}
