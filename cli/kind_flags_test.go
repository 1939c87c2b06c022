package cli

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/workspace"
)

// notFlags are the fields of a kind's form that profile add deliberately
// offers no flag of their own for, each with the reason.
var notFlags = map[string]string{
	"name": "the positional NAME sets it",
}

// TestEveryKindFieldIsAFlag fails when a kind of connection gains a field
// that profile add cannot set: every field of every kind needs its flag in
// fieldFlags, or a place in notFlags with the reason.
func TestEveryKindFieldIsAFlag(t *testing.T) {
	add, _, err := (&command{}).newRoot(nil).Find([]string{"profile", "add"})
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range auth.Kinds() {
		for _, field := range spec.Fields {
			if _, ok := notFlags[field]; ok {
				continue
			}
			flag, ok := fieldFlags[field]
			if !ok {
				t.Errorf("a %s connection has the field %q, but profile add has no flag for it: add one to fieldFlags (or the field to notFlags, with the reason)", spec.Kind, field)
				continue
			}
			if add.Flags().Lookup(flag) == nil {
				t.Errorf("fieldFlags says --%s sets %q, but profile add has no --%s", flag, field, flag)
			}
			if !flagApplies(flag, spec) {
				t.Errorf("--%s sets %q, which a %s connection has, yet it is refused for that kind", flag, field, spec.Kind)
			}
		}
	}
	for flag := range optionFlags {
		if add.Flags().Lookup(flag) == nil {
			t.Errorf("optionFlags names --%s, but profile add has no such flag", flag)
		}
	}
}

// TestKindFlagsFollowTheSpec: a flag that sets a field applies exactly to
// the kinds that have the field, and an option's flag to the kinds whose
// spec offers the option.
func TestKindFlagsFollowTheSpec(t *testing.T) {
	for _, spec := range auth.Kinds() {
		for field, flag := range fieldFlags {
			if got, want := flagApplies(flag, spec), spec.Shows(field); got != want {
				t.Errorf("--%s for a %s connection: applies %v, but the kind shows %q: %v", flag, spec.Kind, got, field, want)
			}
		}
		for flag, want := range map[string]bool{"no-pkce": spec.PKCEOption, "allow-missing-state": spec.BrowserStep, "kind": true, "spa": true, "verbose": true} {
			if got := flagApplies(flag, spec); got != want {
				t.Errorf("--%s for a %s connection: applies %v, want %v", flag, spec.Kind, got, want)
			}
		}
	}
}

// TestSpaBesideKind: --spa chooses the kind as --kind does, so the two
// together are refused, whatever --kind says, before anything is opened.
func TestSpaBesideKind(t *testing.T) {
	for _, kind := range auth.Kinds() {
		var errOut strings.Builder
		code := Run([]string{"profile", "add", "x", "--spa", "--kind", string(kind.Kind)}, Env{
			Stdout: io.Discard, Stderr: &errOut, Locale: "C",
			Open: func(workspace.Options) (*workspace.Workspace, error) {
				t.Error("the workspace was opened for a refused command line")
				return nil, errors.New("no workspace")
			},
		})
		if want := "wfconnect: --spa is the same as --kind spa: give one of them, not both\n"; code != ExitUsage || !strings.HasPrefix(errOut.String(), want) {
			t.Errorf("--spa --kind %s: exit %d, %q; want exit %d and %q", kind.Kind, code, errOut.String(), ExitUsage, want)
		}
	}
}
