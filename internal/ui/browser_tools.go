package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// Explore's tools: copy the search as curl or as its API URL, go to an ID or a pasted link, and the type's schema.

func (v *BrowserView) typeLabel(objCode string) string {
	for _, t := range v.types {
		if t.ObjCode == objCode {
			return t.Label
		}
	}
	return objCode
}

// CurlCommand is the search as a curl command line; the sign-in comes from
// wfconnect token at run time, so no token is ever in it. The header is the
// one the connection's kind signs in with: sessionID, or for Adobe IMS a
// bearer token and the organization's header. workspace.CurlCommand builds
// it, quoting everything a server or the profiles file controls.
func (v *BrowserView) CurlCommand() (string, error) {
	return workspace.CurlCommand(v.profile, v.search())
}

// copyURL copies the search's API address (it holds no token either).
func (v *BrowserView) copyURL() {
	u, err := workfront.SearchURL(v.profile.Host, v.profile.APIVersion, v.search())
	if err != nil {
		v.showProblem(err)
		return
	}
	v.deps.Clipboard(u)
	v.deps.Toast(lang.L("Copied the search's API URL."))
}

func (v *BrowserView) copyCurl() {
	cmd, err := v.CurlCommand()
	if err != nil {
		v.showProblem(err)
		return
	}
	v.deps.Clipboard(cmd)
	v.deps.Toast(lang.L("Copied the search as a curl command."))
}

// FindByID asks the likely types for an ID and opens the object found.
func (v *BrowserView) FindByID(id string) {
	id = strings.TrimSpace(id)
	if id == "" {
		return
	}
	name := v.profile.Name
	v.Loading.Show()
	v.Loading.Start()
	v.ProblemBox.Hide()
	backgroundOn(v.deps.Do, func() (workfront.Object, error) {
		src, err := v.deps.Backend.Objects(name)
		if err != nil {
			return nil, err
		}
		return workfront.Find(v.ctx, src, id)
	}, func(o workfront.Object, err error) {
		v.Loading.Stop()
		v.Loading.Hide()
		if err != nil {
			v.showProblem(err)
			return
		}
		v.FindID.SetText("")
		v.OpenObject(o.ObjCode(), o.ID(), v.typeLabel(o.ObjCode())+": "+cleanCell(o.Name()))
	})
}

// ShowSchema shows the type's fields with their types and values, the
// instance's custom fields marked, and where references and collections
// lead.
func (v *BrowserView) ShowSchema() {
	var b strings.Builder
	for _, f := range v.meta.Fields {
		b.WriteString(cleanCell(f.Label) + "  ·  " + cleanCell(f.Name) + "  ·  " + cleanCell(f.Type))
		if f.Custom && len(f.Forms) > 0 {
			b.WriteString("  ·  " + fmt.Sprintf(lang.L("custom field on %s"), cleanCell(strings.Join(f.Forms, ", "))))
		} else if f.Custom {
			b.WriteString("  ·  " + lang.L("custom field"))
		}
		if len(f.Values) > 0 {
			var vals []string
			for _, val := range f.Values {
				vals = append(vals, cleanCell(val.Value))
			}
			b.WriteString("  ·  " + strings.Join(vals, ", "))
		}
		b.WriteString("\n")
	}
	for _, section := range []struct {
		title string
		refs  []workfront.RefMeta
	}{{lang.L("References"), v.meta.References}, {lang.L("Collections"), v.meta.Collections}} {
		if len(section.refs) == 0 {
			continue
		}
		b.WriteString("\n" + section.title + "\n")
		for _, r := range section.refs {
			b.WriteString(cleanCell(r.Label) + "  ·  " + cleanCell(r.Name) + "  ›  " + cleanCell(v.typeLabel(r.ObjCode)) + " (" + cleanCell(r.ObjCode) + ")\n")
		}
	}
	writeNamedAndActions(&b, v.meta)
	if v.meta.CustomFieldsError != "" {
		b.WriteString("\n" + fmt.Sprintf(lang.L("Custom fields could not be read: %s"), cleanCell(v.meta.CustomFieldsError)) + "\n")
	}
	text := widget.NewLabel(strings.TrimSpace(b.String())) // each piece cleaned above; the line breaks are ours
	text.Wrapping = fyne.TextWrapWord
	v.Schema = text
	title := fmt.Sprintf(lang.L("Schema of %s"), v.typeLabel(v.objCode))
	dialog.ShowCustom(title, lang.L("Close"), container.NewGridWrap(fyne.NewSize(560, 440), container.NewVScroll(text)), v.deps.Window)
}

// writeNamedAndActions adds the type's named queries and its actions,
// with their arguments, to the schema (actions are listed, not run).
func writeNamedAndActions(b *strings.Builder, meta workfront.TypeMeta) {
	if len(meta.Queries) > 0 {
		b.WriteString("\n" + lang.L("Named queries (Query menu)") + "\n")
		for _, q := range meta.Queries {
			b.WriteString(cleanCell(q) + "\n")
		}
	}
	if len(meta.Actions) == 0 {
		return
	}
	b.WriteString("\n" + lang.L("Actions") + "\n")
	for _, a := range meta.Actions {
		var args []string
		for _, arg := range a.Args {
			text := cleanCell(arg.Name) + " " + cleanCell(arg.Type)
			if arg.Required {
				text += " " + lang.L("(required)")
			}
			args = append(args, text)
		}
		b.WriteString(cleanCell(a.Label) + "  ·  " + cleanCell(a.Name) + "(" + strings.Join(args, ", ") + ")\n")
	}
}
