package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/workspace"
)

// Signing in, renewing and signing out from the connection panel: the
// listener is up before the browser opens; the code is never sent twice.

// Connect starts the sign-in: the listener (for a loopback redirect) is up
// before the browser opens.
func (c *ConnectionPanel) Connect() {
	if c.flow != nil || c.cancelFlow != nil {
		return // a sign-in is starting or waiting already
	}
	name := c.profile.Name
	if !c.spec.BrowserStep {
		c.signIn()
		return
	}
	ctx, cancel := context.WithCancel(c.ctx)
	c.cancelFlow = cancel
	c.ConnectButton.Disable()
	c.flowErr = ""
	c.showProblem("")
	c.WaitingLabel.SetText(lang.L("Preparing the sign-in…"))
	c.Waiting.Show()
	backgroundOn(c.deps.Do, func() (workspace.Flow, error) {
		return c.deps.Backend.Begin(ctx, name)
	}, func(flow workspace.Flow, err error) {
		if ctx.Err() != nil {
			if flow != nil {
				flow.Cancel()
			}
			return
		}
		if err != nil {
			c.flowErr = ErrorText(err)
			c.endFlow()
			return
		}
		c.flow = flow
		c.flowUntil = c.deps.Now().Add(signInWait)
		c.render()
		c.Link.SetText(flow.AuthURL())
		// With a loopback redirect the callback comes by itself; the paste
		// box is there on request, for a browser on another machine.
		c.showPaste(!flow.Loopback())
		c.WaitingLabel.SetText(lang.L("Waiting for consent… Your browser is opening Workfront; click Allow there."))
		if !flow.Loopback() {
			c.WaitingLabel.SetText(lang.L("Waiting for consent… After you click Allow, Workfront sends your browser to the redirect URL. Paste that page's whole address below within 2 minutes."))
		}
		go c.openBrowser(ctx, flow.AuthURL())
		go c.watchCode(ctx, flow)
		go c.watchRefused(ctx, flow)
		c.wait(ctx, flow)
	})
}

// signIn connects a kind that needs no person: a signed JWT or Adobe IMS
// client credentials, exchanged for a token at once.
func (c *ConnectionPanel) signIn() {
	name := c.profile.Name
	ctx, cancel := context.WithTimeout(c.ctx, time.Minute)
	c.cancelFlow = cancel
	c.ConnectButton.Disable()
	c.flowErr = ""
	c.showProblem("")
	c.Badge.SetText(lang.L("Signing in…"))
	backgroundOn(c.deps.Do, func() (auth.Status, error) {
		return c.deps.Backend.SignIn(ctx, name)
	}, func(st auth.Status, err error) {
		cancel()
		c.cancelFlow = nil
		if c.ctx.Err() != nil {
			return
		}
		if err != nil {
			c.flowErr = ErrorText(err)
		}
		c.SetStatus(st)
	})
}

func (c *ConnectionPanel) openBrowser(ctx context.Context, url string) {
	if err := c.deps.OpenURL(url); err != nil {
		c.deps.Do(func() {
			if ctx.Err() == nil {
				c.WaitingLabel.SetText(lang.L("Could not open a browser. Copy the link below into a browser, consent, and come back."))
			}
		})
	}
}

func (c *ConnectionPanel) watchCode(ctx context.Context, flow workspace.Flow) {
	select {
	case until := <-flow.CodeReceived():
		c.deps.Do(func() {
			if ctx.Err() == nil && c.flow == flow {
				c.codeUntil = until
				c.PasteButton.Disable()
				c.Paste.Disable()
				c.renderTimes()
			}
		})
	case <-ctx.Done():
	}
}

func (c *ConnectionPanel) showPaste(on bool) {
	setVisible(c.PasteBox, on)
	setVisible(c.PasteInstead, !on)
}

// watchRefused shows each callback the listener refused as it happens.
func (c *ConnectionPanel) watchRefused(ctx context.Context, flow workspace.Flow) {
	for {
		select {
		case err := <-flow.Rejected():
			c.deps.Do(func() {
				if ctx.Err() == nil && c.flow == flow {
					c.Refused.SetText(fmt.Sprintf(lang.L("A callback was refused: %s Still waiting for the right one."), ErrorText(err)))
					c.Refused.Show()
				}
			})
		case <-ctx.Done():
			return
		}
	}
}

func (c *ConnectionPanel) wait(ctx context.Context, flow workspace.Flow) {
	backgroundOn(c.deps.Do, func() (*auth.TokenSet, error) {
		return flow.Wait(ctx)
	}, func(_ *auth.TokenSet, err error) {
		if c.flow != flow {
			return
		}
		c.endFlow()
		switch {
		case err == nil:
			c.loadStatus()
		case errors.Is(err, auth.ErrCanceled) || errors.Is(err, context.Canceled):
			c.render()
		default:
			c.flowErr = ErrorText(err)
			c.render()
		}
	})
}

func (c *ConnectionPanel) endFlow() {
	if c.cancelFlow != nil {
		c.cancelFlow()
		c.cancelFlow = nil
	}
	c.flow = nil
	c.codeUntil = time.Time{}
	c.Waiting.Hide()
	c.Paste.SetText("")
	c.Paste.Enable()
	c.PasteButton.Enable()
	c.PasteError.Hide()
	c.Refused.Hide()
	c.Link.SetText("")
	c.render()
}

// Cancel abandons the sign-in in progress; the listener closes.
func (c *ConnectionPanel) Cancel() {
	if c.flow != nil {
		c.flow.Cancel()
	}
	c.endFlow()
}

// SubmitPasted hands the pasted address to the flow. Parsing is quick and
// local; the exchange happens in Wait's goroutine.
func (c *ConnectionPanel) SubmitPasted() {
	if c.flow == nil || c.Paste.Text == "" {
		return
	}
	if err := c.flow.SubmitPasted(c.Paste.Text); err != nil {
		c.PasteError.SetText(ErrorText(err))
		c.PasteError.Show()
		return
	}
	c.PasteError.Hide()
}

// RefreshNow refreshes the access token in the background.
func (c *ConnectionPanel) RefreshNow() {
	c.refresh()
}

func (c *ConnectionPanel) refresh() {
	if c.refreshing {
		return
	}
	c.refreshing = true
	c.render()
	name := c.profile.Name
	ctx := c.ctx
	backgroundOn(c.deps.Do, func() (auth.Status, error) {
		err := c.deps.Backend.RefreshNow(ctx, name)
		st, serr := c.deps.Backend.Status(ctx, name)
		if err == nil {
			err = serr
		}
		return st, err
	}, func(st auth.Status, err error) {
		if ctx.Err() != nil {
			return
		}
		c.refreshing = false
		if err != nil {
			st.LastErr, st.LastError = err, err.Error()
		}
		c.SetStatus(st)
	})
}

// Disconnect ends the session at Workfront, then forgets the tokens here;
// when Workfront cannot be reached they are forgotten all the same, and the
// panel says the server's session could not be ended.
func (c *ConnectionPanel) Disconnect() {
	name := c.profile.Name
	ctx := c.ctx
	c.Notice.Hide()
	backgroundOn(c.deps.Do, func() (auth.Status, error) {
		err := c.deps.Backend.Logout(ctx, name)
		if err != nil && !errors.Is(err, workspace.ErrSessionNotEnded) {
			return auth.Status{}, err
		}
		st, serr := c.deps.Backend.Status(ctx, name)
		if serr != nil {
			return st, serr
		}
		return st, err
	}, func(st auth.Status, err error) {
		if ctx.Err() != nil {
			return
		}
		switch {
		case errors.Is(err, workspace.ErrSessionNotEnded):
			// The tokens are gone here; only the server's session lives on.
			c.Notice.SetText(ErrorText(err))
			c.Notice.Show()
		case err != nil:
			c.showProblem(ErrorText(err))
			return
		}
		c.SetStatus(st)
	})
}
