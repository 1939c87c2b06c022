// Command wfconnect connects to Adobe Workfront (OAuth2, Machine to
// Machine or Adobe IMS) and explores any object of the instance, with
// exports and reports: a desktop app by default, subcommands for scripts.
// This file is wiring only.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/wfconnect/wfconnect/assets"
	"github.com/wfconnect/wfconnect/cli"
	"github.com/wfconnect/wfconnect/internal/ui"
	"github.com/wfconnect/wfconnect/workspace"
)

// appVersion is FyneApp.toml's Version (cli's tests keep the two in step).
const appVersion = "0.1.0"

func main() {
	args := os.Args[1:]
	if cli.IsCommand(args) {
		cli.Version = appVersion
		os.Exit(cli.Run(args, cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	demo := false
	for _, a := range args {
		switch a {
		case "--demo", "-demo":
			demo = true
		case "--verbose", "-v":
			// the app's activity log shows the requests anyway
		default:
			fmt.Fprintf(os.Stderr, "wfconnect: unknown flag: %s\nRun 'wfconnect --help' for usage.\n", a)
			os.Exit(cli.ExitUsage)
		}
	}

	activity := ui.NewActivityLog()
	ws, err := workspace.Open(workspace.Options{Log: activity.Append})
	if err != nil {
		fmt.Fprintf(os.Stderr, "wfconnect: %v\n", err)
		os.Exit(1)
	}
	defer ws.Close()
	shown := make(chan *ui.App, 1)
	inst, err := workspace.ClaimInstance(ws.Dir(), func() { u := <-shown; shown <- u; fyne.Do(u.BringToFront) })
	switch {
	case errors.Is(err, workspace.ErrAlreadyRunning):
		fmt.Fprintln(os.Stderr, "wfconnect: already running; its window was brought to the front.")
		return
	case err != nil:
		fmt.Fprintf(os.Stderr, "wfconnect: %v (a second launch will open a second window)\n", err)
	default:
		defer inst.Release()
	}
	if err := ui.LoadTranslations(); err != nil {
		fmt.Fprintf(os.Stderr, "wfconnect: loading translations: %v\n", err)
	}
	a := app.NewWithID("io.github.wfconnect.wfconnect")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	ui.Version = appVersion
	u := ui.New(a, ws, ui.Options{Activity: activity, OnQuit: func() { exitIfStuck(ws) }})
	shown <- u
	if demo {
		u.Main.StartDemo()
	}
	quitOnSignal(u)
	a.Lifecycle().SetOnStarted(func() { time.AfterFunc(startSettles, debug.FreeOSMemory) })
	u.Window.ShowAndRun()
	windowClosed.Store(true) // the deferred clean-up runs from here, unhurried
}

// startSettles is how long after the start the window has drawn itself.
// The start parses fonts and reads the profiles, then leaves that garbage
// to Go's scavenger, which gives it back to the system slowly; giving it
// back at once halves what the app holds beyond a bare Fyne window (about
// 20 MB, make bench).
const startSettles = time.Second

// quitGrace is how long the window may take to close once the app quits.
const quitGrace = 5 * time.Second

// windowClosed is set once Fyne's loop has ended and main goes on.
var windowClosed atomic.Bool

// exitIfStuck ends the process if the window has not closed within
// quitGrace of quitting. Fyne 2.8 can wait forever on shutdown when a
// window event is still queued as its loop stops (seen once under Xvfb:
// SIGTERM with a dialog open left the process running). Before exiting it
// lets a refresh in flight finish and be saved (ws.Close), as main would.
func exitIfStuck(ws *workspace.Workspace) {
	watchQuit(quitGrace, windowClosed.Load, func() {
		fmt.Fprintln(os.Stderr, "wfconnect: the window did not close within 5 s of quitting; exiting anyway")
		ws.Close()
	}, os.Exit)
}

// watchQuit calls cleanUp and then exit(0) once grace has passed, unless
// closed says the window closed meanwhile.
func watchQuit(grace time.Duration, closed func() bool, cleanUp func(), exit func(int)) *time.Timer {
	return time.AfterFunc(grace, func() {
		if closed() {
			return
		}
		cleanUp()
		exit(0)
	})
}

// quitOnSignal closes the app cleanly on Ctrl+C or SIGTERM, the window's
// size saved as on every other way out.
func quitOnSignal(u *ui.App) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(u.Quit)
	}()
}
