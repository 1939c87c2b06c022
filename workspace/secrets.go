package workspace

import (
	"strings"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
)

// profileSecret is one kind of secret a profile may have in the vault (a
// client secret, a private key), with what Save and Config say about it.
type profileSecret struct {
	field string // its FieldErrors key
	slot  func(v store.Vault, name string) slot
	// given is what a draft brings: typed, or made on the spot.
	given func(d Draft) (value string, found bool, err error)
	// noneToCopy: the profile a duplicate copies has none saved.
	noneToCopy func() error
	// missing: a saved profile's is not in the keyring.
	missing func(name string) error
}

var clientSecret = profileSecret{
	field: "client_secret",
	slot:  secretSlot,
	given: func(d Draft) (string, bool, error) {
		if d.ClientSecret == nil {
			return "", false, nil
		}
		return strings.TrimSpace(*d.ClientSecret), true, nil
	},
	noneToCopy: func() error {
		return msg.New("Enter the client secret: the original connection has none saved.")
	},
	missing: func(name string) error {
		return msg.New("The client secret of %q is not in the keyring: edit the connection and enter it again.", name)
	},
}

var privateKey = profileSecret{
	field: "private_key",
	slot:  keySlot,
	given: func(d Draft) (string, bool, error) {
		switch {
		case d.PrivateKey != nil:
			return strings.TrimSpace(*d.PrivateKey) + "\n", true, nil
		case d.GenerateKey:
			key, err := auth.GenerateKey()
			return key, err == nil, err
		}
		return "", false, nil
	},
	noneToCopy: func() error {
		return msg.New("Generate or import a private key: the original connection has none saved.")
	},
	missing: func(name string) error {
		return msg.New("The private key of %q is not in the keyring: edit the connection and generate or import one (then paste its public key into Workfront).", name)
	},
}

// carry puts one secret of a profile being saved as name in the vault:
// the draft's, the duplicated profile's, or, on a rename, the old name's.
func (w *Workspace) carry(undo *undoList, s profileSecret, d Draft, name, replacing string, renamed bool) error {
	value, found, err := s.given(d)
	switch {
	case found || err != nil:
	case d.CopySecretFrom != "":
		value, found, err = s.slot(w.vaultFor(d.CopySecretFrom), d.CopySecretFrom).get()
		if err == nil && !found {
			err = FieldErrors{s.field: s.noneToCopy()}
		}
	case renamed:
		value, found, err = s.slot(w.vault, replacing).get()
	}
	if err != nil || !found {
		return err
	}
	return putSecret(undo, s.slot(w.vault, name), value)
}

// saved reads one secret of the saved profile name; one not there is an
// error that says what to do.
func (w *Workspace) saved(s profileSecret, name string) (string, error) {
	value, found, err := s.slot(w.vaultFor(name), name).get()
	if err == nil && !found {
		err = s.missing(name)
	}
	return value, err
}

// undoList puts secrets back, newest change first.
type undoList []func()

func (u undoList) run() {
	for i := len(u) - 1; i >= 0; i-- {
		u[i]()
	}
}

// slot is one secret of one profile in the vault.
type slot struct {
	get func() (string, bool, error)
	set func(string) error
	del func() error
}

func secretSlot(v store.Vault, name string) slot {
	return slot{
		get: func() (string, bool, error) { return v.ClientSecret(name) },
		set: func(s string) error { return v.SetClientSecret(name, s) },
		del: func() error { return v.DeleteClientSecret(name) },
	}
}

func keySlot(v store.Vault, name string) slot {
	return slot{
		get: func() (string, bool, error) { return v.PrivateKey(name) },
		set: func(s string) error { return v.SetPrivateKey(name, s) },
		del: func() error { return v.DeletePrivateKey(name) },
	}
}

func tokensSlot(v store.Vault, name string) slot {
	return slot{
		get: func() (string, bool, error) { b, found, err := v.LoadTokens(name); return string(b), found, err },
		set: func(s string) error { return v.SaveTokens(name, []byte(s)) },
		del: func() error { return v.DeleteTokens(name) },
	}
}

// putSecret stores value in s and records how to put back what was there.
func putSecret(undo *undoList, s slot, value string) error {
	old, found, err := s.get()
	if err != nil {
		return err
	}
	if err := s.set(value); err != nil {
		return err
	}
	*undo = append(*undo, func() {
		if found {
			s.set(old)
		} else {
			s.del()
		}
	})
	return nil
}

// dropSecret deletes what s holds and records how to put it back.
func dropSecret(undo *undoList, s slot) error {
	old, found, err := s.get()
	if err != nil || !found {
		return err
	}
	if err := s.del(); err != nil {
		return err
	}
	*undo = append(*undo, func() { s.set(old) })
	return nil
}
