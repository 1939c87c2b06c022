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

func TestCleanDropsControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                            "plain",
		"\x1b]0;owned\x07\x1b[2JConnected": "]0;owned[2JConnected",
		"a\nb\r\nc\td":                     "a b  c d",
		"c1\u009b31mred":                   "c131mred",
		"del\x7f":                          "del",
		"bidi \u202eevil\u2066x\u2069":     "bidi evilx",
		"bad \xff utf8":                    "bad \ufffd utf8",
		"中文 ok":                            "中文 ok",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMessageArgumentsAreCleaned(t *testing.T) {
	e := New("Workfront reported an error: %s (%s).", "\x1b[2Jfake", errors.New("x\x1b]0;t\x07"))
	want := "Workfront reported an error: [2Jfake (x]0;t)."
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := Localize(e, func(s string) string { return s }); got != want {
		t.Errorf("Localize = %q, want %q", got, want)
	}
}

func TestLocalizeCleansPlainErrors(t *testing.T) {
	err := fmt.Errorf("token endpoint said: %s", "\x1b]0;owned\x07ok")
	if got := Localize(err, func(s string) string { return s }); got != "token endpoint said: ]0;ownedok" {
		t.Errorf("Localize = %q", got)
	}
}

// TestCleanDropsInvisibleCharacters: zero-width characters and the bidi
// marks that hide or reorder text go too; CleanData keeps a data format's
// own line breaks and tabs and drops the rest alike.
func TestCleanDropsInvisibleCharacters(t *testing.T) {
	in := "a\u200bb\u200cc\u200dd\u200ee\u200ff\u2060g\ufeffh\u061ci\u2028j\u2029k"
	if got, want := Clean(in), "abcdefghi j k"; got != want {
		t.Errorf("Clean(%q) = %q, want %q", in, got, want)
	}
	data := "line 1\r\nline\t2\x1b[2J\u202e\u200b\u009b"
	if got, want := CleanData(data), "line 1\nline\t2[2J"; got != want {
		t.Errorf("CleanData(%q) = %q, want %q", data, got, want)
	}
}
