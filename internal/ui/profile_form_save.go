package ui

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workspace"
)

// The profile form checked as people type, turned into a draft, saved (the first field that needs fixing gets the focus) or deleted; and a Machine to Machine connection's key, made in the app or imported.

// watchEdits checks each field as it is edited, marks unsaved changes, and
// lets Enter save.
func (f *ProfileForm) watchEdits() {
	for key, e := range map[string]*widget.Entry{
		"name": f.Name, "domain": f.Domain, "client_id": f.ClientID, "client_secret": f.ClientSecret,
		"redirect_uri": f.RedirectURI, "api_version": f.APIVersion, "customer_id": f.CustomerID, "user_id": f.UserID,
		"ims_org": f.IMSOrg, "scopes": f.Scopes, "ims_url": f.IMSURL,
	} {
		key, e, before := key, e, e.OnChanged
		e.OnChanged = func(text string) {
			if before != nil {
				before(text)
			}
			f.edited(key)
		}
		e.OnSubmitted = func(string) { f.Save() }
	}
	f.Kind.OnChanged = func(string) { f.showKind(); f.edited("app_type") }
	f.TokenAuth.OnChanged = func(string) { f.edited("token_auth") }
	f.NoPKCE.OnChanged = func(bool) { f.edited("sign_in") }
	f.AllowMissingState.OnChanged = func(bool) { f.edited("sign_in") }
}

func (f *ProfileForm) edited(key string) {
	if f.filling {
		return
	}
	f.touched[key] = true
	if f.Changed != nil {
		f.Changed()
	}
	f.checkLive()
}

// Dirty reports whether the form holds edits that are not saved.
func (f *ProfileForm) Dirty() bool { return len(f.touched) > 0 }

// checkLive validates in the background (it reads the profiles file to
// spot a taken name) and updates the touched fields' messages: an error
// appears as it is made and disappears once it is fixed.
func (f *ProfileForm) checkLive() {
	f.checks++
	seq, d, replacing := f.checks, f.Draft(), f.replacing()
	backgroundOn(f.deps.Do, func() (workspace.FieldErrors, error) {
		_, errs := f.deps.Backend.Validate(d, replacing)
		return errs, nil
	}, func(errs workspace.FieldErrors, _ error) {
		if seq != f.checks {
			return // a newer edit's check is on its way
		}
		shown := workspace.FieldErrors{}
		for k, err := range errs {
			if f.saveTried || f.touched[k] {
				shown[k] = err
			}
		}
		f.ShowErrors(shown)
		if len(errs) == 0 && f.saveTried {
			f.Message.Hide()
		}
	})
}

func (f *ProfileForm) replacing() string {
	if f.mode == formEdit {
		return f.orig.Name
	}
	return ""
}

// firstErrorText is the first field's message whole, for the message bar:
// under its field it is cut to one line.
func (f *ProfileForm) firstErrorText(errs workspace.FieldErrors) string {
	text := ""
	errs.Each(func(_ string, err error) {
		if text == "" {
			text = ErrorText(err)
		}
	})
	return text
}

// focusFirstError scrolls to the first field with an error and focuses it.
func (f *ProfileForm) focusFirstError(errs workspace.FieldErrors) {
	entries := f.entries()
	var first fyne.Focusable
	errs.Each(func(key string, _ error) {
		if first == nil {
			first = entries[key]
		}
	})
	if first == nil {
		return
	}
	if obj, ok := first.(fyne.CanvasObject); ok && f.scroll != nil {
		d := fyne.CurrentApp().Driver()
		y := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(f.scroll).Y + f.scroll.Offset.Y
		f.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-40)))
	}
	f.deps.Window.Canvas().Focus(first)
}

// GenerateKey asks for a new RSA-2048 key pair on Save.
func (f *ProfileForm) GenerateKey() {
	f.generateKey, f.privateKey = true, nil
	f.KeyStatus.SetText(lang.L("A new RSA-2048 key pair is made when you save. Its public key then shows on the connection's page, to paste into Workfront."))
	f.edited("private_key")
}

// chooseKeyFile imports the PEM file of a private key the admin has.
func (f *ProfileForm) chooseKeyFile() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		// The file may sit on a slow disk or a network share: read it off
		// the UI goroutine.
		backgroundOn(f.deps.Do, func() ([]byte, error) {
			defer r.Close()
			return io.ReadAll(io.LimitReader(r, 64<<10))
		}, func(data []byte, err error) {
			if err != nil {
				f.showKeyError(err)
				return
			}
			f.ImportKey(string(data), r.URI().Name())
		})
	}, f.deps.Window)
}

// ImportKey takes a PEM private key (PKCS#1 or PKCS#8 RSA) from a file;
// anything else is refused at once, with why.
func (f *ProfileForm) ImportKey(pemText, from string) {
	key, err := auth.ParsePrivateKey(pemText)
	if err != nil {
		f.showKeyError(err)
		return
	}
	f.privateKey, f.generateKey = &pemText, false
	f.Errors["private_key"].Hide()
	f.Message.Hide()
	f.KeyStatus.SetText(fmt.Sprintf(lang.L("The key from %s (RSA, %d bits) is saved in the keyring when you save."), from, key.N.BitLen()))
	f.edited("private_key")
}

func (f *ProfileForm) showKeyError(err error) {
	f.Errors["private_key"].SetText(ErrorText(err))
	f.Errors["private_key"].Show()
	f.showMessage(ErrorText(err), widget.DangerImportance) // whole: the field's line cuts it
}

// Draft reads the form.
func (f *ProfileForm) Draft() workspace.Draft {
	spec := f.spec()
	d := workspace.Draft{
		Name:       f.Name.Text,
		Domain:     f.Domain.Text,
		ClientID:   f.ClientID.Text,
		APIVersion: f.APIVersion.Text,
		AppType:    string(spec.Kind),
		Demo:       f.orig.Demo && f.mode == formEdit,
	}
	// Only what the kind uses goes into the draft: a field hidden by a
	// change of kind is not saved with it.
	if spec.NeedsRedirect {
		d.RedirectURI = f.RedirectURI.Text
	}
	if spec.TokenAuth {
		d.TokenAuth = string(auth.TokenAuthBasicJSON)
		if f.TokenAuth.SelectedIndex() == 1 {
			d.TokenAuth = string(auth.TokenAuthForm)
		}
	}
	if spec.BrowserStep {
		d.AllowMissingState = f.AllowMissingState.Checked
		d.NoPKCE = spec.PKCEOption && f.NoPKCE.Checked
	}
	if spec.NeedsIDs {
		d.CustomerID, d.UserID = f.CustomerID.Text, f.UserID.Text
	}
	if spec.NeedsKey {
		d.PrivateKey, d.GenerateKey = f.privateKey, f.generateKey
	}
	if spec.NeedsIMSOrg {
		d.IMSOrg, d.Scopes, d.IMSURL = f.IMSOrg.Text, f.Scopes.Text, f.IMSURL.Text
	}
	secret := f.ClientSecret.Text
	switch {
	case !spec.NeedsSecret:
	case secret != "" || f.mode == formAdd:
		d.ClientSecret = &secret
	case f.mode == formDuplicate:
		d.CopySecretFrom = f.orig.Name
	}
	return d
}

// ShowErrors puts each message next to its field; nil clears them.
func (f *ProfileForm) ShowErrors(errs workspace.FieldErrors) {
	for key, l := range f.Errors {
		if err, ok := errs[key]; ok {
			l.SetText(ErrorText(err))
			l.Show()
		} else {
			l.SetText("")
			l.Hide()
		}
	}
}

func (f *ProfileForm) showMessage(msg string, importance widget.Importance) {
	f.Message.Importance = importance
	f.Message.SetText(msg)
	f.Message.Show()
}

// Save validates at once (no I/O) and then saves in the background: the
// secret goes to the keyring, which may be slow or locked.
func (f *ProfileForm) Save() { f.save(f.SaveButton, false) }

// SaveAndConnect saves, then signs in: at once for the kinds without a
// browser step, through the browser for the others.
func (f *ProfileForm) SaveAndConnect() { f.save(f.SaveConnect, true) }

func (f *ProfileForm) save(pressed *widget.Button, connect bool) {
	if f.orig.Demo {
		return // the demo connection is read-only
	}
	replacing := f.replacing()
	d := f.Draft()
	f.Message.Hide()
	words := pressed.Text
	f.SaveButton.Disable()
	f.SaveConnect.Disable()
	pressed.SetText(lang.L("Saving…"))
	backgroundOn(f.deps.Do, func() (store.Profile, error) {
		return f.deps.Backend.Save(d, replacing)
	}, func(p store.Profile, err error) {
		f.SaveButton.Enable()
		f.SaveConnect.Enable()
		pressed.SetText(words)
		var fieldErrs workspace.FieldErrors
		if asFieldErrors(err, &fieldErrs) {
			f.saveTried = true
			f.ShowErrors(fieldErrs)
			f.showMessage(lang.L("Please correct the fields marked above.")+" "+f.firstErrorText(fieldErrs), widget.DangerImportance)
			f.focusFirstError(fieldErrs)
			return
		}
		f.ShowErrors(nil)
		if err != nil {
			f.showMessage(ErrorText(err), widget.DangerImportance)
			return
		}
		f.touched = map[string]bool{}
		f.deps.OnSaved(p, f.mode == formEdit, connect)
	})
}

func (f *ProfileForm) confirmDelete() {
	name := f.orig.Name
	msg := fmt.Sprintf(lang.L("Delete the connection %q? Its client secret and tokens are removed from the keyring."), name)
	dialog.ShowConfirm(lang.L("Delete connection"), msg, func(ok bool) {
		if !ok {
			return
		}
		backgroundOn(f.deps.Do, func() (struct{}, error) {
			return struct{}{}, f.deps.Backend.Remove(name)
		}, func(_ struct{}, err error) {
			if err != nil {
				showErrorIn(f.deps.Window, err)
				return
			}
			f.deps.OnRemoved()
		})
	}, f.deps.Window)
}
