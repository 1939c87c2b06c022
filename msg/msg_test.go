package msg

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestLocalizeKindCause(t *testing.T) {
	kind := errors.New("kind")
	inner := New("The keyring is locked (%s).", "dbus").WithKind(kind)
	outer := New("Could not save: %v", inner).Because(inner)
	sv := map[string]string{"Could not save: %v": "Kunde inte spara: %v", "The keyring is locked (%s).": "Nyckelringen är låst (%s)."}
	tr := func(s string) string {
		if v, ok := sv[s]; ok {
			return v
		}
		return s
	}
	if got := Localize(outer, tr); got != "Kunde inte spara: Nyckelringen är låst (dbus)." {
		t.Errorf("localized %q", got)
	}
	if outer.Error() != "Could not save: The keyring is locked (dbus)." {
		t.Errorf("English %q", outer.Error())
	}
	if !errors.Is(outer, kind) {
		t.Error("errors.Is does not see the inner kind")
	}
	wrapped := fmt.Errorf("context: %w", New("x").Because(io.EOF))
	if !errors.Is(wrapped, io.EOF) || Localize(wrapped, tr) != "x" {
		t.Errorf("wrapped: %q", Localize(wrapped, tr))
	}
	if Localize(io.EOF, tr) != "EOF" || Localize(nil, tr) != "" {
		t.Error("plain errors")
	}
}
