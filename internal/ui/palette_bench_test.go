package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/wfconnect/wfconnect/palette"
)

// paletteFixture is a palette as a busy connection fills it: 174 types,
// 500 saved queries, 500 recent queries.
func paletteFixture() []paletteAction {
	var out []paletteAction
	add := func(kind, title, detail string) {
		out = append(out, paletteAction{palette.Item{Kind: kind, Title: title, Detail: detail}, func() {}})
	}
	for i := range 174 {
		add("type", fmt.Sprintf("Object type %d %s", i, []string{"Project", "Task", "Issue", "Approval", "Baseline"}[i%5]), fmt.Sprintf("T%03d", i))
	}
	for i := range 500 {
		add("saved", fmt.Sprintf("Open issues of portfolio %d", i), "OPTASK · status=NEW & portfolioID="+fmt.Sprint(i))
		add("history", fmt.Sprintf("TASK · late this week %d", i), "10:04 · 12 rows · TASK · plannedCompletionDate=$$TODAY")
	}
	return out
}

// BenchmarkPaletteKeystroke is one key typed in the palette's box, to
// the list redrawn with what it now finds: the time a person waits
// between a key and the list (a frame is 16.7 ms).
func BenchmarkPaletteKeystroke(b *testing.B) {
	a := test.NewTempApp(b)
	w := a.NewWindow("palette")
	w.Resize(w.Canvas().Size().Max(test.NewWindow(nil).Canvas().Size()))
	p := newCommandPalette(paletteFixture(), w.Canvas())
	p.popup.Show()
	texts := []string{"o", "op", "ope", "open", "open ", "open i", "open is", "open iss"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Entry.SetText(texts[i%len(texts)])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/key")
}
