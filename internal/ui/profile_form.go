package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workspace"
)

type formMode int

const (
	formAdd formMode = iota
	formEdit
	formDuplicate
)

// DefaultRedirectURI is what a new connection suggests: a loopback URL the
// listener can serve.
const DefaultRedirectURI = "http://127.0.0.1:8765/callback"

// ProfileForm adds or edits one connection.
type ProfileForm struct {
	deps formDeps
	mode formMode
	orig store.Profile

	Name         *widget.Entry
	Domain       *widget.Entry
	DomainHint   *widget.Label
	ClientID     *widget.Entry
	ClientSecret *widget.Entry
	RedirectURI  *widget.Entry
	// Kind chooses how the connection signs in: web, SPA, Machine to
	// Machine (JWT) or Adobe IMS. Choices map to auth.Kinds() by index.
	Kind       *widget.Select
	KindHelp   *widget.Label
	TokenAuth  *widget.Select
	APIVersion *widget.Entry
	// A Machine to Machine connection's IDs and key.
	CustomerID        *widget.Entry
	UserID            *widget.Entry
	KeyStatus         *widget.Label
	GenerateKeyButton *widget.Button
	ImportKeyButton   *widget.Button
	// An Adobe IMS credential's organization, scopes and IMS address.
	IMSOrg *widget.Entry
	Scopes *widget.Entry
	IMSURL *widget.Entry
	// Rows are the form's rows by field key; the kind shows some of them.
	Rows map[string]fyne.CanvasObject
	// The sign-in's less safe opt-ins, for tenants that need them.
	NoPKCE            *widget.Check
	AllowMissingState *widget.Check

	// Errors holds the message label under each field, keyed like
	// workspace.FieldErrors, each in a slot that keeps its room.
	Errors     map[string]*widget.Label
	errorSlots map[string]fyne.CanvasObject
	Message    *widget.Label

	SaveButton      *widget.Button
	SaveConnect     *widget.Button // Save and connect: signs in once saved
	DuplicateButton *widget.Button
	DeleteButton    *widget.Button
	CancelButton    *widget.Button
	GuideButton     *widget.Button

	Content fyne.CanvasObject
	scroll  *container.Scroll

	// touched holds the fields the person has edited: live checks speak
	// only of those until Save is pressed, then of all.
	touched   map[string]bool
	saveTried bool
	checks    int // the newest live check; older answers are dropped
	// Changed reports unsaved edits; the main view marks the connection.
	Changed func()
	filling bool
	// The private key to save: a PEM imported, or one to generate on Save.
	privateKey  *string
	generateKey bool
}

// Examples in the IMS fields: what Adobe's console shows, not words to translate.
const (
	exampleIMSOrg = "0123456789ABCDEF01234567@AdobeOrg"
	exampleScopes = "openid,AdobeID"
	exampleIMSURL = "https://ims-na1.adobelogin.com"
)

var (
	authBasic = "Basic auth + JSON body"
	authForm  = "Form parameters"
)

// formBackend is what the form asks of the rest of the app.
type formBackend interface {
	Validate(d workspace.Draft, replacing string) (store.Profile, workspace.FieldErrors)
	Save(d workspace.Draft, replacing string) (store.Profile, error)
	Remove(name string) error
}

// formDeps is all a profile form gets: its backend, the way back to the UI
// goroutine, the window for dialogs and focus, and callbacks.
type formDeps struct {
	Backend     formBackend
	Do          func(func())
	Window      fyne.Window
	OnDuplicate func(store.Profile) // asks about unsaved edits first
	OnCancel    func()
	OnGuide     func()
	OnSaved     func(p store.Profile, edited, connect bool)
	OnRemoved   func()
}

// formRows are the form's rows in the order they are shown; each key is
// also the key of its error label and of workspace.FieldErrors.
var formRows = []string{"name", "app_type", "domain", "client_id", "client_secret", "redirect_uri", "token_auth",
	"customer_id", "user_id", "private_key", "ims_org", "scopes", "ims_url", "api_version", "sign_in"}

func newProfileForm(deps formDeps, p store.Profile, mode formMode) *ProfileForm {
	f := &ProfileForm{deps: deps, mode: mode, orig: p, Errors: map[string]*widget.Label{}, touched: map[string]bool{}}
	f.buildEntries()
	f.errorSlots = map[string]fyne.CanvasObject{}
	for _, key := range formRows {
		f.Errors[key], f.errorSlots[key] = fieldError()
	}
	f.Message = wrapped("")
	f.Message.Hide()

	f.filling = true
	f.fill(p)
	f.filling = false
	f.watchEdits()

	buttons := f.buildButtons(p, mode)
	rows := container.NewVBox(f.title(mode))
	f.buildRows()
	for _, key := range formRows {
		rows.Add(f.Rows[key])
	}
	f.showKind()
	f.scroll = container.NewVScroll(container.NewPadded(rows))
	// The buttons and the form's message stay in view at any window size.
	bar := container.NewPadded(container.NewVBox(widget.NewSeparator(), f.Message, buttons))
	f.Content = container.NewBorder(nil, bar, nil, nil, f.scroll)
	return f
}

// buildEntries makes the fields people type or choose in.
func (f *ProfileForm) buildEntries() {
	f.Name = widget.NewEntry()
	f.Name.SetPlaceHolder(lang.L("e.g. Acme production"))
	f.Domain = widget.NewEntry()
	f.Domain.SetPlaceHolder(lang.L("acme, acme.my.workfront.com or https://acme.preview.workfront.com"))
	f.DomainHint = widget.NewLabel("")
	f.DomainHint.SizeName = theme.SizeNameCaptionText
	f.Domain.OnChanged = f.updateDomainHint
	f.ClientID = widget.NewEntry()
	f.ClientSecret = widget.NewPasswordEntry()
	f.RedirectURI = widget.NewEntry()
	f.RedirectURI.SetPlaceHolder(DefaultRedirectURI)
	f.APIVersion = widget.NewEntry()
	f.APIVersion.SetPlaceHolder(lang.L("The newest the instance offers"))
	var kinds []string
	for _, k := range auth.Kinds() {
		kinds = append(kinds, lang.L(k.Label))
	}
	f.Kind = newSelect(kinds, nil)
	f.KindHelp = help("")
	f.TokenAuth = newSelect([]string{lang.L(authBasic), lang.L(authForm)}, nil)
	f.CustomerID = widget.NewEntry()
	f.UserID = widget.NewEntry()
	f.KeyStatus = wrapped("")
	f.GenerateKeyButton = widget.NewButtonWithIcon(lang.L("Generate a key pair"), theme.ContentAddIcon(), f.GenerateKey)
	f.ImportKeyButton = widget.NewButtonWithIcon(lang.L("Import a PEM file…"), theme.FolderOpenIcon(), f.chooseKeyFile)
	f.IMSOrg = widget.NewEntry()
	f.IMSOrg.SetPlaceHolder(exampleIMSOrg)
	f.Scopes = widget.NewEntry()
	f.Scopes.SetPlaceHolder(exampleScopes)
	f.IMSURL = widget.NewEntry()
	f.IMSURL.SetPlaceHolder(exampleIMSURL)
	f.NoPKCE = widget.NewCheck(lang.L("Workfront refuses PKCE"), nil)
	f.AllowMissingState = widget.NewCheck(lang.L("Workfront does not return state"), nil)
}

// buildButtons makes the button bar for the form's mode; the demo
// connection's form is read-only.
func (f *ProfileForm) buildButtons(p store.Profile, mode formMode) *fyne.Container {
	f.SaveButton = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), f.Save)
	f.SaveConnect = widget.NewButtonWithIcon(lang.L("Save and connect"), theme.LoginIcon(), f.SaveAndConnect)
	// A new connection is saved to be used: signing in is the next step.
	if mode == formEdit {
		f.SaveButton.Importance = widget.HighImportance
	} else {
		f.SaveConnect.Importance = widget.HighImportance
	}
	f.DuplicateButton = widget.NewButtonWithIcon(lang.L("Duplicate"), theme.ContentCopyIcon(), func() { f.deps.OnDuplicate(f.orig) })
	f.DeleteButton = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), f.confirmDelete)
	f.DeleteButton.Importance = widget.DangerImportance
	f.CancelButton = widget.NewButton(lang.L("Cancel"), func() { f.touched = map[string]bool{}; f.deps.OnCancel() })
	f.GuideButton = widget.NewButtonWithIcon(lang.L("How to set up Workfront"), theme.HelpIcon(), f.deps.OnGuide)
	f.GuideButton.Importance = widget.LowImportance
	buttons := container.NewHBox(f.SaveButton, f.SaveConnect)
	switch {
	case p.Demo && mode == formEdit:
		// The demo connection is read-only: what it shows is what the
		// simulator needs.
		buttons.Objects = nil
		for _, w := range []fyne.Disableable{f.Name, f.Domain, f.ClientID, f.ClientSecret, f.RedirectURI, f.APIVersion, f.Kind, f.TokenAuth, f.NoPKCE, f.AllowMissingState,
			f.CustomerID, f.UserID, f.GenerateKeyButton, f.ImportKeyButton, f.IMSOrg, f.Scopes, f.IMSURL} {
			w.Disable()
		}
		f.showMessage(lang.L("The demo connection is read-only: it points at the simulator on this computer."), widget.MediumImportance)
	case mode == formEdit:
		buttons.Add(f.DuplicateButton)
		buttons.Add(f.DeleteButton)
	default:
		buttons.Add(f.CancelButton)
	}
	buttons.Add(f.GuideButton)
	return buttons
}

func (f *ProfileForm) title(mode formMode) *widget.Label {
	heading := lang.L("New connection")
	switch mode {
	case formEdit:
		heading = lang.L("Connection settings")
	case formDuplicate:
		heading = lang.L("Duplicate connection")
	}
	title := bold(heading)
	title.SizeName = theme.SizeNameSubHeadingText
	return title
}

// row is one labelled row: the field, what explains it, its error.
func (f *ProfileForm) row(label string, key string, field fyne.CanvasObject, extra ...fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	right := container.NewVBox(append([]fyne.CanvasObject{field}, append(extra, f.errorSlots[key])...)...)
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(150, l.MinSize().Height), l), nil, right)
}

// buildRows lays each field out with its label, help and error.
func (f *ProfileForm) buildRows() {
	secretHelp := widget.NewLabel(lang.L("Kept only in the system keyring, never in a file."))
	secretHelp.SizeName = theme.SizeNameCaptionText
	redirectHelp := help(lang.L("Must match the redirect URL registered in Workfront. A loopback URL (http://127.0.0.1:PORT/…) lets wfconnect catch the callback; any https URL works by pasting the address you land on."))
	optionsHelp := help(lang.L("Leave both off unless sign-in fails without them. PKCE protects the code on its way back; state ties the callback to the sign-in you started. Without state, another web page could slip its own code in while you sign in; wfconnect then accepts a callback only while this is the only sign-in waiting and only from this connection's Workfront domain."))
	idsHelp := help(lang.L("Both are on the app's page in Workfront: the Customer ID, and the User ID of the user the integration acts as."))
	row := f.row
	f.Rows = map[string]fyne.CanvasObject{
		"app_type":      row(lang.L("Kind"), "app_type", f.Kind, f.KindHelp),
		"name":          row(lang.L("Name"), "name", f.Name),
		"domain":        row(lang.L("Domain"), "domain", f.Domain, f.DomainHint),
		"client_id":     row(lang.L("Client ID"), "client_id", f.ClientID),
		"client_secret": row(lang.L("Client secret"), "client_secret", f.ClientSecret, secretHelp),
		"redirect_uri":  row(lang.L("Redirect URL"), "redirect_uri", f.RedirectURI, redirectHelp),
		"token_auth":    row(lang.L("Token request"), "token_auth", f.TokenAuth),
		"customer_id":   row(lang.L("Customer ID"), "customer_id", f.CustomerID),
		"user_id":       row(lang.L("User ID"), "user_id", f.UserID, idsHelp),
		"private_key":   row(lang.L("Private key"), "private_key", f.KeyStatus, container.NewHBox(f.GenerateKeyButton, f.ImportKeyButton)),
		"ims_org":       row(lang.L("IMS organization"), "ims_org", f.IMSOrg),
		"scopes":        row(lang.L("Scopes"), "scopes", f.Scopes),
		"ims_url":       row(lang.L("IMS address"), "ims_url", f.IMSURL),
		"api_version":   row(lang.L("API version"), "api_version", f.APIVersion),
		"sign_in":       row(lang.L("Sign-in"), "sign_in", f.NoPKCE, f.AllowMissingState, optionsHelp),
	}
}

// entries maps each field with an error label to what focuses it.
func (f *ProfileForm) entries() map[string]fyne.Focusable {
	return map[string]fyne.Focusable{
		"name": f.Name, "domain": f.Domain, "client_id": f.ClientID, "client_secret": f.ClientSecret,
		"redirect_uri": f.RedirectURI, "api_version": f.APIVersion, "customer_id": f.CustomerID, "user_id": f.UserID,
		"ims_org": f.IMSOrg, "scopes": f.Scopes, "ims_url": f.IMSURL,
	}
}

func (f *ProfileForm) fill(p store.Profile) {
	switch f.mode {
	case formAdd:
		f.RedirectURI.SetText(DefaultRedirectURI)
		f.Kind.SetSelectedIndex(0)
		f.TokenAuth.SetSelected(lang.L(authBasic))
		f.KeyStatus.SetText(lang.L("No key yet: generate a key pair, or import the PEM file of a key you have."))
		return
	case formEdit:
		f.Name.SetText(p.Name)
		f.ClientSecret.SetPlaceHolder(lang.L("Saved in the keyring: type to replace"))
	case formDuplicate:
		f.Name.SetText(fmt.Sprintf(lang.L("%s (copy)"), p.Name))
		f.ClientSecret.SetPlaceHolder(lang.L("Copied from the original: type to replace"))
	}
	f.Domain.SetText(trimScheme(p.Host))
	if p.Demo || p.LocalHTTP {
		f.Domain.SetText(p.Host) // the scheme is part of what was chosen: http stays http
	}
	f.NoPKCE.SetChecked(p.NoPKCE)
	f.AllowMissingState.SetChecked(p.AllowMissingState)
	f.ClientID.SetText(p.ClientID)
	f.RedirectURI.SetText(p.RedirectURI)
	f.APIVersion.SetText(workspace.DraftOf(p).APIVersion) // "" while the version is still automatic
	f.Kind.SetSelectedIndex(0)
	for i, k := range auth.Kinds() {
		if string(k.Kind) == p.AppType {
			f.Kind.SetSelectedIndex(i)
		}
	}
	f.CustomerID.SetText(p.CustomerID)
	f.UserID.SetText(p.UserID)
	f.IMSOrg.SetText(p.IMSOrg)
	f.Scopes.SetText(p.Scopes)
	f.IMSURL.SetText(p.IMSURL)
	if f.mode == formEdit {
		f.KeyStatus.SetText(lang.L("Saved in the keyring. Generate or import a key to replace it."))
	} else {
		f.KeyStatus.SetText(lang.L("Copied from the original. Generate or import a key to replace it."))
	}
	if p.TokenAuth == string(auth.TokenAuthForm) {
		f.TokenAuth.SetSelected(lang.L(authForm))
	} else {
		f.TokenAuth.SetSelected(lang.L(authBasic))
	}
}

// spec is the chosen kind's row of auth's table.
func (f *ProfileForm) spec() auth.KindSpec {
	kinds := auth.Kinds()
	if i := f.Kind.SelectedIndex(); i >= 0 && i < len(kinds) {
		return kinds[i]
	}
	return kinds[0]
}

// showKind shows the rows the chosen kind needs and hides the others.
func (f *ProfileForm) showKind() {
	spec := f.spec()
	for key, row := range f.Rows {
		switch key {
		case "app_type":
		case "sign_in":
			setVisible(row, spec.BrowserStep)
		default:
			setVisible(row, spec.Shows(key))
		}
	}
	setVisible(f.NoPKCE, spec.PKCEOption)
	f.KindHelp.SetText(lang.L(spec.Register))
	if spec.NeedsIMSOrg {
		f.Domain.SetPlaceHolder(lang.L("acme.my.workfront.adobe.com (organizations on Adobe's unified experience)"))
	} else {
		f.Domain.SetPlaceHolder(lang.L("acme, acme.my.workfront.com or https://acme.preview.workfront.com"))
	}
}

func (f *ProfileForm) updateDomainHint(text string) {
	if text == "" {
		f.DomainHint.SetText("")
		return
	}
	if host, err := auth.NormalizeHost(text); err == nil {
		hint := lang.L("Connects to") + " " + host
		if workspace.IsLocalHTTP(host) {
			hint += " · " + lang.L("Local, not encrypted")
		}
		f.DomainHint.SetText(hint)
	} else {
		f.DomainHint.SetText("")
	}
}
