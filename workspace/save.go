package workspace

import (
	"fmt"
	"strings"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
)

// Save validates and saves a profile; its secrets (client secret, private
// key) go to the vault first, so a saved profile never points at a missing
// secret. Renaming moves the secrets and the tokens. When any step fails,
// the secrets are put back as they were, so a failed save loses nothing
// and leaves nothing behind.
func (w *Workspace) Save(d Draft, replacing string) (store.Profile, error) {
	p, errs := w.Validate(d, replacing)
	if errs != nil {
		return p, errs
	}
	var undo undoList
	fail := func(err error) (store.Profile, error) {
		undo.run()
		return p, err
	}
	renamed := replacing != "" && replacing != p.Name
	spec := auth.Kind(p.AppType).Spec()
	if spec.NeedsKey {
		if err := w.saveKey(&undo, d, p.Name, replacing, renamed); err != nil {
			return fail(err)
		}
	}
	if spec.NeedsSecret {
		if err := w.saveClientSecret(&undo, d, p.Name, replacing, renamed); err != nil {
			return fail(err)
		}
	}
	if renamed {
		if err := w.moveTokens(&undo, replacing, p.Name); err != nil {
			return fail(err)
		}
	}
	if err := w.profiles.Put(p, replacing); err != nil {
		return fail(err)
	}
	if renamed {
		// The profile is saved under its new name; what is left under the
		// old one is a copy, so failing to delete it loses nothing.
		if err := w.vault.Forget(replacing); err != nil {
			w.log(fmt.Sprintf("could not delete the secrets under the old name %q: %v", replacing, err))
		}
		w.forgetSource(replacing)
	}
	w.forgetSource(p.Name)
	return p, nil
}

// saveClientSecret puts the profile's client secret in the vault: the one
// typed, the duplicated profile's, or, on a rename, the old name's.
func (w *Workspace) saveClientSecret(undo *undoList, d Draft, name, replacing string, renamed bool) error {
	secret, found := "", false
	var err error
	switch {
	case d.ClientSecret != nil:
		secret, found = strings.TrimSpace(*d.ClientSecret), true
	case d.CopySecretFrom != "":
		secret, found, err = w.vaultFor(d.CopySecretFrom).ClientSecret(d.CopySecretFrom)
		if err == nil && !found {
			err = FieldErrors{"client_secret": msg.New("Enter the client secret: the original connection has none saved.")}
		}
	case renamed:
		secret, found, err = w.vault.ClientSecret(replacing)
	}
	if err != nil || !found {
		return err
	}
	return putSecret(undo, secretSlot(w.vault, name), secret)
}

// moveTokens copies the tokens of a renamed profile to its new name; Save
// forgets the old name's once the profile is saved.
func (w *Workspace) moveTokens(undo *undoList, from, to string) error {
	blob, found, err := w.vault.LoadTokens(from)
	if err != nil || !found {
		return err
	}
	return putSecret(undo, tokensSlot(w.vault, to), string(blob))
}

// saveKey puts a jwt profile's private key in the vault: the one given,
// a new one (GenerateKey), the duplicated profile's, or, on a rename, the
// old name's.
func (w *Workspace) saveKey(undo *undoList, d Draft, name, replacing string, renamed bool) error {
	key, found := "", false
	var err error
	switch {
	case d.PrivateKey != nil:
		key, found = strings.TrimSpace(*d.PrivateKey)+"\n", true
	case d.GenerateKey:
		key, err = auth.GenerateKey()
		found = err == nil
	case d.CopySecretFrom != "":
		key, found, err = w.vaultFor(d.CopySecretFrom).PrivateKey(d.CopySecretFrom)
		if err == nil && !found {
			err = FieldErrors{"private_key": msg.New("Generate or import a private key: the original connection has none saved.")}
		}
	case renamed:
		key, found, err = w.vault.PrivateKey(replacing)
	}
	if err != nil || !found {
		return err
	}
	return putSecret(undo, keySlot(w.vault, name), key)
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

// Remove deletes a profile and every secret it had. If the profiles file
// cannot be saved, the secrets are put back, so the profile stays whole.
func (w *Workspace) Remove(name string) error {
	if _, ok := w.demoProfile(name); ok {
		if name == DemoMachineName {
			w.forgetDemoMachine()
		} else {
			w.StopDemo()
		}
		return nil
	}
	p, err := w.profiles.Get(name)
	if err != nil {
		return err
	}
	var undo undoList
	for _, s := range []slot{secretSlot(w.vault, p.Name), keySlot(w.vault, p.Name), tokensSlot(w.vault, p.Name)} {
		if err := dropSecret(&undo, s); err != nil {
			undo.run()
			return err
		}
	}
	if err := w.profiles.Remove(p.Name); err != nil {
		undo.run()
		return err
	}
	w.forgetSource(p.Name)
	return nil
}
