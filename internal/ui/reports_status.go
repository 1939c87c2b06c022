package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"
)

// The report's status line is the browser's: loading with Stop, the
// problem with Retry, or Reconnect when the sign-in needs consent, and
// the same Connect prompt when the connection is not signed in.

// SetConnected follows the connection's state: without a sign-in the tab
// says so and offers Connect; once signed in it loads what it shows.
func (v *ReportsView) SetConnected(connected bool) {
	if connected == !v.notConnected {
		return
	}
	v.notConnected = !connected
	if !connected {
		v.stop()
		v.ctx, v.stop = context.WithCancel(v.deps.Context)
		v.requests.drop()
		v.status.notConnected(lang.L("Not connected. Connect to see this connection's reports."))
		return
	}
	v.status.Box.Hide()
	switch {
	case !v.activated:
	case v.types == nil:
		v.loadTypeList()
	default:
		v.Run()
	}
}

// StopLoading gives up on a slow answer; Retry asks again.
func (v *ReportsView) StopLoading() {
	v.requests.drop() // and its answer, if it still comes
	v.status.stopped()
}

func (v *ReportsView) showProblem(err error) { v.status.failed(err) }
