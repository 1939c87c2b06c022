package edit

import (
	"errors"
	"net"
	"net/url"
	"slices"
	"strings"

	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// Mode is what a connection lets wfconnect write.
type Mode string

const (
	// ReadOnly refuses every write before a request is made.
	ReadOnly Mode = "read-only"
	// Confirm previews every write and asks before sending it.
	Confirm Mode = "confirm"
	// Direct sends without asking; the journal still records each write.
	Direct Mode = "direct"
)

// Modes lists the modes in the order people choose among them.
func Modes() []Mode { return []Mode{ReadOnly, Confirm, Direct} }

// ParseMode reads a mode as the CLI and the profiles file spell it.
func ParseMode(s string) (Mode, error) {
	m := Mode(s)
	if slices.Contains(Modes(), m) {
		return m, nil
	}
	return "", msg.New("%q is not a write mode: use read-only, confirm or direct.", s)
}

// DefaultMode is a connection's mode until someone chooses one: production,
// and any host wfconnect cannot place (a custom domain may be production),
// is read-only; preview, sandboxes and simulators ask before each write.
func DefaultMode(host string) Mode {
	switch workfront.LaneOf(host) {
	case workfront.LanePreview, workfront.LaneSandbox:
		return Confirm
	case workfront.LaneSimulated:
		// Plain http counts as a simulator only on a loopback address: a
		// hand-edited profile with http://acme.my.workfront.com is still
		// production.
		if loopbackURL(host) {
			return Confirm
		}
	}
	return ReadOnly
}

// loopbackURL says whether a URL's host is localhost or a loopback address.
func loopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// ModeOf is the connection's saved mode, or its default. An unreadable
// saved mode counts as read-only: a damaged file must not unlock writes.
func ModeOf(p store.Profile) Mode {
	if p.Writes == "" {
		return DefaultMode(p.Host)
	}
	if m, err := ParseMode(p.Writes); err == nil {
		return m
	}
	return ReadOnly
}

// Label is the mode's name for people (English; also the translation key).
func (m Mode) Label() string {
	switch m {
	case Confirm:
		return "Writes: confirm"
	case Direct:
		return "Writes: direct"
	}
	return "Read-only"
}

// ErrReadOnly marks a write refused because the connection is read-only.
var ErrReadOnly = errors.New("read-only connection")

// CheckWritable refuses a write on a read-only connection, before any
// request, saying how to change the mode.
func CheckWritable(name string, m Mode) error {
	if m != ReadOnly {
		return nil
	}
	return msg.New("%s is read-only, so nothing was sent. To allow changes, choose another write mode in the connection's panel, or run: wfconnect profile set %s --writes confirm", name, name).WithKind(ErrReadOnly)
}

// Words are the English words edit gives people to read, beyond its
// messages: the modes' labels, the rows' statuses and the journal's
// outcomes (each a translation key).
func Words() []string {
	out := []string{ReadOnly.Label(), Confirm.Label(), Direct.Label()}
	for _, s := range []Status{WillChange, Unchanged, NotFound, Refused, Changed, Failed, NotSent, Unknown, Conflict} {
		out = append(out, string(s))
	}
	return append(out, journal.Sending)
}
