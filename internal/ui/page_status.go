package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// What Projects and Explore share around their table: how a page is
// fetched (with its count, under the latest request), and the status line
// that says it is loading (with Stop), or why it failed (with Retry, or
// Reconnect when the sign-in needs consent).

// pageStatus is a browsing view's status line.
type pageStatus struct {
	Loading   *widget.ProgressBarInfinite
	Stop      *widget.Button // beside the count while a page loads
	Problem   *widget.Label
	Retry     *widget.Button
	Reconnect *widget.Button
	Box       *fyne.Container // the problem with Retry and Reconnect
}

func newPageStatus(onStop, onRetry, onReconnect func()) *pageStatus {
	p := &pageStatus{Loading: widget.NewProgressBarInfinite(), Problem: wrapped("")}
	p.Loading.Stop()
	p.Loading.Hide()
	p.Stop = widget.NewButtonWithIcon(lang.L("Stop"), theme.MediaStopIcon(), onStop)
	p.Stop.Hide()
	p.Problem.Importance = widget.DangerImportance
	p.Retry = widget.NewButtonWithIcon(lang.L("Retry"), theme.ViewRefreshIcon(), onRetry)
	p.Reconnect = widget.NewButtonWithIcon(lang.L("Reconnect"), theme.LoginIcon(), onReconnect)
	p.Reconnect.Importance = widget.HighImportance
	p.Box = container.NewBorder(nil, nil, nil, container.NewHBox(p.Retry, p.Reconnect), p.Problem)
	p.Box.Hide()
	return p
}

// loading shows or hides the loading bar and Stop; a new load hides the
// last problem.
func (p *pageStatus) loading(on bool) {
	if on {
		p.Box.Hide()
		p.Loading.Show()
		p.Loading.Start()
		p.Stop.Show()
		return
	}
	p.Loading.Stop()
	p.Loading.Hide()
	p.Stop.Hide()
}

// statusLook is what the status line shows: the words, how loud they
// are, and which of Retry and Reconnect (or Connect) are offered.
type statusLook struct {
	Text          string
	Importance    widget.Importance
	Retry         bool
	Reconnect     bool
	ReconnectText string // "" keeps the button's words
}

// stoppedLook: the person gave up on a slow answer; Retry asks again.
func stoppedLook() statusLook {
	return statusLook{Text: lang.L("Stopped: Workfront had not answered yet. Retry asks again."), Importance: widget.DangerImportance, Retry: true}
}

// failedLook says why a page could not be had: Reconnect when the sign-in
// needs consent, Retry otherwise, and neither for a request given up.
func failedLook(err error) statusLook {
	consent := workspace.IsNeedsConsent(err)
	return statusLook{Text: ErrorText(err), Importance: widget.DangerImportance,
		Retry: !consent && !errors.Is(err, context.Canceled), Reconnect: consent, ReconnectText: lang.L("Reconnect")}
}

// notConnectedLook: the connection is not signed in; Connect, no Retry.
func notConnectedLook(what string) statusLook {
	return statusLook{Text: what, Importance: widget.MediumImportance, Reconnect: true, ReconnectText: lang.L("Connect")}
}

func (p *pageStatus) stopped()                 { p.loading(false); p.show(stoppedLook()) }
func (p *pageStatus) failed(err error)         { p.loading(false); p.show(failedLook(err)) }
func (p *pageStatus) notConnected(what string) { p.loading(false); p.show(notConnectedLook(what)) }

// say shows words of its own (an empty result, say) with no buttons.
func (p *pageStatus) say(text string, importance widget.Importance) {
	p.show(statusLook{Text: text, Importance: importance})
}

// show applies a look.
func (p *pageStatus) show(l statusLook) {
	p.Problem.Importance = l.Importance
	p.Problem.SetText(l.Text)
	setVisible(p.Retry, l.Retry)
	if l.ReconnectText != "" {
		p.Reconnect.SetText(l.ReconnectText)
	}
	setVisible(p.Reconnect, l.Reconnect)
	p.Box.Show()
}

// fetchedPage is a page of objects and, when it was asked for, their count.
type fetchedPage struct {
	rows  []workfront.Object
	count int // -1: not asked
}

// fetchPage asks for one page of s (and its count when needCount) off the
// UI goroutine, under the view's latest request: done runs on the UI
// goroutine only if no newer request (or Stop) has taken over. With
// named, the page is of the type's named query (myWork), which has no
// count: the pager then pages on while pages come full.
func fetchPage(deps viewDeps, requests *latest, parent context.Context, profile string, s workfront.Search, named string, needCount bool, done func(fetchedPage, error)) {
	ctx, current := requests.next(parent)
	backgroundOn(deps.Do, func() (fetchedPage, error) {
		src, err := deps.Backend.Objects(profile)
		if err != nil {
			return fetchedPage{}, err
		}
		page := fetchedPage{count: -1}
		if named != "" {
			page.rows, err = src.NamedQuery(ctx, s.ObjCode, named, s.Fields, s.First, s.Limit)
			return page, err
		}
		if needCount {
			if page.count, err = src.Count(ctx, s.ObjCode, s.Filters); err != nil {
				return page, err
			}
		}
		page.rows, err = src.Search(ctx, s)
		return page, err
	}, func(page fetchedPage, err error) {
		if current() {
			done(page, err)
		}
	})
}
