package workspace

import (
	"fmt"

	"github.com/wfconnect/wfconnect/auth"
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
		if err := w.carry(&undo, privateKey, d, p.Name, replacing, renamed); err != nil {
			return fail(err)
		}
	}
	if spec.NeedsSecret {
		if err := w.carry(&undo, clientSecret, d, p.Name, replacing, renamed); err != nil {
			return fail(err)
		}
	}
	if err := w.grantLocalHTTP(&undo, p); err != nil {
		return fail(err)
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

// moveTokens copies the tokens of a renamed profile to its new name; Save
// forgets the old name's once the profile is saved.
func (w *Workspace) moveTokens(undo *undoList, from, to string) error {
	blob, found, err := w.vault.LoadTokens(from)
	if err != nil || !found {
		return err
	}
	return putSecret(undo, tokensSlot(w.vault, to), string(blob))
}

// Remove deletes a profile and every secret it had. If the profiles file
// cannot be saved, the secrets are put back, so the profile stays whole.
func (w *Workspace) Remove(name string) error {
	if _, ok := w.demoProfile(name); ok {
		switch name {
		case DemoMachineName:
			w.forgetDemoMachine()
		case DemoSandboxName:
			w.forgetDemoSandbox()
		default:
			w.StopDemo()
		}
		return nil
	}
	p, err := w.profiles.Get(name)
	if err != nil {
		return err
	}
	var undo undoList
	for _, s := range []slot{secretSlot(w.vault, p.Name), keySlot(w.vault, p.Name), localHTTPSlot(w.vault, p.Name), tokensSlot(w.vault, p.Name)} {
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
