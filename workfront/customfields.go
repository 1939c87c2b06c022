package workfront

import (
	"context"
	"slices"
	"sort"
	"strings"
)

// Custom fields are the instance's own, and Workfront's object metadata
// does not list them. They live in the custom forms: a form (CTGY) is for
// one object type (catObjCode) or, on newer instances, several (objTypes);
// its categoryParameters (CTGYPA) place fields (PARAM) on it in a display
// order; a field's options are its parameterOptions (POPT). One search of
// the forms, with those nested, reads them all.

// customFormFields is what CustomForms asks of each form: everything of the
// form, of each of its field placements, of each field and of each option
// (four levels, Workfront's limit). "*" takes whatever a version has, so
// objTypes comes where it exists and its absence is no error.
var customFormFields = []string{"*", "categoryParameters:*", "categoryParameters:parameter:*",
	"categoryParameters:parameter:parameterOptions:*"}

// CustomForm is one custom form with its fields in display order.
type CustomForm struct {
	ID, Name string
	ObjCodes []string // the object types it is for
	Fields   []CustomField
}

// CustomField is one field of the instance's custom forms.
type CustomField struct {
	ID          string
	Name        string // the field is read and filtered as "DE:" + Name
	Label       string
	Description string
	DataType    string // TEXT, NMBR, CURC, DATE…
	DisplayType string // TEXT, DDOWN, RADIO, CHECK, MULTISELECT, DATE…
	Active      bool
	Options     []EnumValue // visible options, in display order
}

// CustomForms reads the instance's custom forms and their fields.
func (c *Client) CustomForms(ctx context.Context) ([]CustomForm, error) {
	var forms []CustomForm
	err := c.All(ctx, Search{ObjCode: "ctgy", Fields: customFormFields}, func(o Object) error {
		forms = append(forms, readForm(o))
		return nil
	})
	return forms, err
}

func readForm(o Object) CustomForm {
	f := CustomForm{ID: o.ID(), Name: o.Name()}
	if types, ok := o["objTypes"].([]any); ok {
		for _, t := range types {
			if s, ok := t.(string); ok && s != "" {
				f.ObjCodes = append(f.ObjCodes, strings.ToUpper(s))
			}
		}
	}
	if code := strings.ToUpper(o.Text("catObjCode")); code != "" && !slices.Contains(f.ObjCodes, code) {
		f.ObjCodes = append(f.ObjCodes, code)
	}
	type placed struct {
		order float64
		field CustomField
	}
	var fields []placed
	for _, cp := range objects(o["categoryParameters"]) {
		p, _ := asObject(cp["parameter"])
		if p == nil || p.Text("name") == "" {
			continue
		}
		order, _ := cp.Number("displayOrder")
		fields = append(fields, placed{order, readCustomField(p)})
	}
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].order < fields[j].order })
	for _, p := range fields {
		f.Fields = append(f.Fields, p.field)
	}
	return f
}

func readCustomField(p Object) CustomField {
	f := CustomField{ID: p.ID(), Name: p.Text("name"), Label: orName(p.Text("label"), p.Text("name")),
		Description: p.Text("description"), DataType: strings.ToUpper(p.Text("dataType")),
		DisplayType: strings.ToUpper(p.Text("displayType")), Active: p.Text("isActive") != "false"}
	type option struct {
		order float64
		value EnumValue
	}
	var opts []option
	for _, o := range objects(p["parameterOptions"]) {
		if o.Text("isHidden") == "true" {
			continue
		}
		order, _ := o.Number("displayOrder")
		v := o.Text("value")
		opts = append(opts, option{order, EnumValue{Value: v, Label: orName(o.Text("label"), v)}})
	}
	sort.SliceStable(opts, func(i, j int) bool { return opts[i].order < opts[j].order })
	for _, o := range opts {
		f.Options = append(f.Options, o.value)
	}
	return f
}

// objects reads a collection's members.
func objects(v any) []Object {
	list, _ := v.([]any)
	out := make([]Object, 0, len(list))
	for _, item := range list {
		if o, ok := asObject(item); ok {
			out = append(out, o)
		}
	}
	return out
}

func asObject(v any) (Object, bool) {
	switch x := v.(type) {
	case map[string]any:
		return Object(x), true
	case Object:
		return x, true
	}
	return nil, false
}

// fieldType is the fieldType a custom field's dataType reads as.
func (f CustomField) fieldType() string {
	switch f.DataType {
	case "NMBR", "CURC":
		return "double"
	case "DATE":
		return "dateTime"
	}
	return "string"
}

// CustomFieldsFor are the active custom fields of the forms for objCode,
// each once, with the names of the forms that carry it; sorted by label.
func CustomFieldsFor(forms []CustomForm, objCode string) []FieldMeta {
	objCode = strings.ToUpper(objCode)
	var out []FieldMeta
	at := map[string]int{}
	for _, form := range forms {
		if !slices.Contains(form.ObjCodes, objCode) {
			continue
		}
		for _, f := range form.Fields {
			if !f.Active {
				continue
			}
			name := "DE:" + f.Name
			if i, seen := at[name]; seen {
				out[i].Forms = append(out[i].Forms, form.Name)
				continue
			}
			at[name] = len(out)
			out = append(out, FieldMeta{Name: name, Label: f.Label, Type: f.fieldType(), Values: f.Options,
				Custom: true, Forms: []string{form.Name}})
		}
	}
	sortByLabel(out, fieldLabel, fieldName)
	return out
}

// WithCustom is m with the custom fields added to its fields (replacing
// any of the same name), still sorted by label.
func (m TypeMeta) WithCustom(custom []FieldMeta) TypeMeta {
	if len(custom) == 0 {
		return m
	}
	fields := slices.DeleteFunc(slices.Clone(m.Fields), func(f FieldMeta) bool {
		return slices.ContainsFunc(custom, func(c FieldMeta) bool { return c.Name == f.Name })
	})
	m.Fields = append(fields, custom...)
	sortByLabel(m.Fields, fieldLabel, fieldName)
	return m
}
