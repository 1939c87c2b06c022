package cli

import (
	"maps"
	"slices"

	"github.com/wfconnect/wfconnect/auth"
)

// Which of profile add's flags a kind of connection takes is read from the
// kind's entry in auth's table, not from a second table here: a flag that
// sets a field applies to the kinds whose form shows that field, and a flag
// that sets a sign-in option to the kinds whose spec offers the option.

// fieldFlags names the flag of profile add that sets each field of a
// connection: the keys of auth.KindSpec.Fields (and of
// workspace.FieldErrors). NAME, the positional argument, sets "name".
var fieldFlags = map[string]string{
	"domain": "domain", "client_id": "client-id", "client_secret": "client-secret-stdin",
	"redirect_uri": "redirect-uri", "token_auth": "token-auth", "api_version": "api-version",
	"customer_id": "customer-id", "user_id": "user-id", "private_key": "private-key-file",
	"ims_org": "ims-org", "scopes": "scopes", "ims_url": "ims-url",
}

// optionFlags are profile add's flags that set a sign-in option rather than
// a field, each with the fact of a kind's spec that offers the option.
var optionFlags = map[string]func(auth.KindSpec) bool{
	"no-pkce":             func(s auth.KindSpec) bool { return s.PKCEOption },
	"allow-missing-state": func(s auth.KindSpec) bool { return s.BrowserStep },
}

// flagApplies reports whether a connection of the spec's kind takes
// profile add's flag. A flag that sets neither a field nor an option
// (--kind, --spa, --verbose) applies to every kind.
func flagApplies(flag string, spec auth.KindSpec) bool {
	if offers, ok := optionFlags[flag]; ok {
		return offers(spec)
	}
	for field, f := range fieldFlags {
		if f == flag {
			return spec.Shows(field)
		}
	}
	return true
}

// refuseOtherKindsFlags refuses the first given flag, by name, that a
// connection of the spec's kind does not take.
func refuseOtherKindsFlags(given map[string]bool, spec auth.KindSpec) error {
	for _, flag := range slices.Sorted(maps.Keys(given)) {
		if !flagApplies(flag, spec) {
			return usagef("--%s does not apply to a %s connection", flag, spec.Kind)
		}
	}
	return nil
}

// fieldArg names what sets a field on the command line, for a message about
// the field: NAME, --kind for app_type (the kind itself), or its flag.
func fieldArg(field string) string {
	switch field {
	case "name":
		return "NAME"
	case "app_type":
		return "--kind"
	}
	if flag, ok := fieldFlags[field]; ok {
		return "--" + flag
	}
	return field
}
