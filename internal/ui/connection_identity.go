package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// Who the connection is signed in as, the API version it uses, and the
// public key of a Machine to Machine connection.

// loadPublicKey reads a Machine to Machine connection's public key.
func (c *ConnectionPanel) loadPublicKey() {
	name := c.profile.Name
	backgroundOn(c.deps.Do, func() (string, error) { return c.deps.Backend.PublicKey(name) }, func(pub string, err error) {
		if err != nil {
			c.PublicKey.SetText(ErrorText(err))
			c.CopyPublicKey.Disable()
		} else {
			c.PublicKey.SetText(strings.TrimSpace(pub))
			c.CopyPublicKey.Enable()
		}
		c.PublicKeyBox.Show()
		c.body.Refresh()
	})
}

// askWho asks Workfront who is signed in (two small API calls), runs first
// and then shows the answer, unless the panel was closed meanwhile.
func (c *ConnectionPanel) askWho(first func(workfront.Identity, error)) {
	name, host := c.profile.Name, trimScheme(c.profile.Host)
	ctx := c.ctx
	backgroundOn(c.deps.Do, func() (workfront.Identity, error) {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		return c.deps.Backend.WhoAmI(ctx, name)
	}, func(id workfront.Identity, err error) {
		if ctx.Err() != nil {
			return
		}
		first(id, err)
		c.showIdentity(id, host, err)
	})
}

// loadIdentity says who is signed in.
func (c *ConnectionPanel) loadIdentity() { c.askWho(func(workfront.Identity, error) {}) }

// TestConnection asks Workfront who is signed in, now, and shows how long
// it took and which API versions the instance offers.
func (c *ConnectionPanel) TestConnection() {
	c.TestButton.Disable()
	c.RoundTrip.SetText(lang.L("Testing…"))
	c.askedWho = true
	c.askWho(func(id workfront.Identity, err error) {
		c.TestButton.Enable()
		if err == nil {
			c.deps.Toast(fmt.Sprintf(lang.L("Workfront answered in %s."), roundTripText(id.RoundTrip)))
		}
	})
}

// showIdentity shows who is signed in, the versions and the round trip,
// and warns about a pinned version that is deprecated or retiring.
func (c *ConnectionPanel) showIdentity(id workfront.Identity, host string, err error) {
	c.SignedInAs.SetText(SignedInText(id, host, err))
	if err != nil {
		c.RoundTrip.SetText("—")
		return
	}
	c.RoundTrip.SetText(roundTripText(id.RoundTrip))
	c.API.SetText(APIText(c.profile.APIVersion, id))
	advice, target := workspace.VersionWarning(c.profile, id.APIVersions, c.deps.Now())
	text := ""
	switch advice {
	case workfront.VersionDeprecated:
		text = fmt.Sprintf(lang.L("This connection uses API %s, which Workfront no longer supports."), c.profile.APIVersion)
	case workfront.VersionRetiresThisYear:
		text = fmt.Sprintf(lang.L("This connection uses API %s, which Workfront stops supporting this year."), c.profile.APIVersion)
	}
	c.upgradeTo = target
	if text == "" || target == "" || target == c.profile.APIVersion || c.profile.Demo {
		c.VersionBox.Hide()
		c.body.Refresh()
		return
	}
	c.VersionWarning.SetText(text)
	c.UpgradeButton.SetText(fmt.Sprintf(lang.L("Use %s"), target))
	c.VersionBox.Show()
	c.body.Refresh()
}

// APIText is the version in use, and what the instance offers.
func APIText(using string, id workfront.Identity) string {
	text := orDash(using)
	if len(id.APIVersions) > 0 {
		text += " · " + fmt.Sprintf(lang.L("offered: %s"), strings.Join(id.APIVersions, ", "))
	}
	if id.CurrentAPI != "" {
		text += " · " + fmt.Sprintf(lang.L("newest: %s"), id.CurrentAPI)
	}
	return text
}

func roundTripText(d time.Duration) string {
	return strconv.FormatInt(max(1, d.Milliseconds()), 10) + " ms"
}

// Upgrade moves the connection to the version the warning suggests.
func (c *ConnectionPanel) Upgrade() {
	name, to := c.profile.Name, c.upgradeTo
	if to == "" {
		return
	}
	backgroundOn(c.deps.Do, func() (struct{}, error) { return struct{}{}, c.deps.Backend.SetAPIVersion(name, to) }, func(_ struct{}, err error) {
		if err != nil {
			c.showProblem(ErrorText(err))
			return
		}
		c.deps.Toast(fmt.Sprintf(lang.L("%s now uses API %s."), name, to))
		c.deps.OnUpgraded(name)
	})
}

// SignedInText says who is signed in and where, as gh auth status does:
// "Ada Lovelace (ada@acme.com) on acme.my.workfront.com".
func SignedInText(id workfront.Identity, host string, err error) string {
	switch {
	case err != nil:
		return fmt.Sprintf(lang.L("on %s (Workfront did not say who: %s)"), host, ErrorText(err))
	case id.Name != "" && id.Email != "" && id.AdminKnown && id.Admin:
		return fmt.Sprintf(lang.L("%s (%s), a system administrator, on %s"), id.Name, id.Email, host)
	case id.Name != "" && id.Email != "":
		return fmt.Sprintf(lang.L("%s (%s) on %s"), id.Name, id.Email, host)
	case id.Name != "":
		return fmt.Sprintf(lang.L("%s on %s"), id.Name, host)
	}
	return fmt.Sprintf(lang.L("user %s on %s"), id.UserID, host)
}
