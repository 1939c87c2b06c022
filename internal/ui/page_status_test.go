package ui

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
)

// TestStatusLooks: every state of a browsing view's status line, as a
// table: which words, how loud, and which buttons.
func TestStatusLooks(t *testing.T) {
	for name, tc := range map[string]struct {
		look             statusLook
		retry, reconnect bool
		button           string
		importance       widget.Importance
	}{
		"network error": {failedLook(errors.New("connection refused")), true, false, "Reconnect", widget.DangerImportance},
		"needs consent": {failedLook(fmt.Errorf("refresh: %w", auth.ErrNeedsConsent)), false, true, "Reconnect", widget.DangerImportance},
		"given up":      {failedLook(context.Canceled), false, false, "Reconnect", widget.DangerImportance},
		"stopped":       {stoppedLook(), true, false, "", widget.DangerImportance},
		"not connected": {notConnectedLook("Not connected."), false, true, "Connect", widget.MediumImportance},
	} {
		l := tc.look
		if l.Retry != tc.retry || l.Reconnect != tc.reconnect || l.ReconnectText != tc.button || l.Importance != tc.importance || l.Text == "" {
			t.Errorf("%s: %+v", name, l)
		}
	}
}
