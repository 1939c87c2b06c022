// Command barefyne is the floor for wfconnect's start-up and memory
// benchmarks: a bare Fyne window from the same Fyne version, with a title
// the benchmark can find. It is not shipped.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.github.wfconnect.barefyne")
	w := a.NewWindow("Bare Fyne")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(1040, 680))
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { <-sig; fyne.Do(a.Quit) }()
	w.ShowAndRun()
}
