package workfront

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
)

// What the instance says of its object types: GET /metadata for the list,
// GET /<obj>/metadata for one type's fields, references and collections
// (custom fields come from the custom forms: customfields.go).

// ObjectType is one entry of the instance's list of object types.
type ObjectType struct {
	ObjCode string // e.g. PROJ
	Name    string // the API name, e.g. Project
	Label   string // for people, e.g. Project
}

// FieldMeta describes one field of an object type.
type FieldMeta struct {
	Name     string
	Label    string
	Type     string // Workfront's fieldType: string, int, double, dateTime, boolean…
	EnumType string
	Values   []EnumValue // the possible values of an enum field
	Custom   bool        // the instance's own custom field (DE:…)
	// ReadOnly: the metadata flags it READ_ONLY, so an update refuses it.
	ReadOnly bool     `json:",omitempty"`
	Forms    []string `json:",omitempty"` // a custom field's forms for this type, by name
}

// EnumValue is one possible value of an enum field.
type EnumValue struct{ Value, Label string }

// RefMeta describes a reference or a collection and the type it points to.
type RefMeta struct {
	Name    string
	Label   string
	ObjCode string
}

// TypeMeta is what Workfront says of one object type.
type TypeMeta struct {
	ObjCode, Name, Label string
	Fields               []FieldMeta // sorted by label
	References           []RefMeta   // sorted by label
	Collections          []RefMeta   // sorted by label
	// CustomFieldsError says, for people, why the custom fields are
	// missing from Fields: "" when they were read.
	CustomFieldsError string `json:",omitempty"`
	// Queries are the type's named queries (myWork); Actions its actions
	// (namedqueries.go).
	Queries []string     `json:",omitempty"`
	Actions []ActionMeta `json:",omitempty"`
}

type metadataAnswer struct {
	Data struct {
		Objects map[string]struct {
			ObjCode string `json:"objCode"`
			Name    string `json:"name"`
			Label   string `json:"label"`
		} `json:"objects"`
	} `json:"data"`
	Error *wireError `json:"error"`
}

func (a *metadataAnswer) apiError() *wireError { return a.Error }

// ObjectTypes lists the instance's object types (GET /metadata), sorted by
// label.
func (c *Client) ObjectTypes(ctx context.Context) ([]ObjectType, error) {
	var body metadataAnswer
	if err := c.get(ctx, "/metadata", nil, &body); err != nil {
		return nil, err
	}
	out := make([]ObjectType, 0, len(body.Data.Objects))
	for key, o := range body.Data.Objects {
		t := ObjectType{ObjCode: o.ObjCode, Name: o.Name, Label: o.Label}
		if t.Name == "" {
			t.Name = key
		}
		if t.Label == "" {
			t.Label = t.Name
		}
		if t.ObjCode != "" {
			out = append(out, t)
		}
	}
	sortByLabel(out, typeLabel, typeCode)
	return out, nil
}

type wireField struct {
	Label          string   `json:"label"`
	FieldType      string   `json:"fieldType"`
	EnumType       string   `json:"enumType"`
	Flags          []string `json:"flags"`
	PossibleValues []struct {
		Value any    `json:"value"`
		Label string `json:"label"`
	} `json:"possibleValues"`
}

// wireRef is a reference or a collection. Workfront names its target in
// typeObjCode (fixtures/metadata.json has no referenceObjCode); the other
// key is read only when typeObjCode is missing.
type wireRef struct {
	Label            string `json:"label"`
	TypeObjCode      string `json:"typeObjCode"`
	ReferenceObjCode string `json:"referenceObjCode"`
}

func (r wireRef) target() string {
	if r.TypeObjCode != "" {
		return r.TypeObjCode
	}
	return r.ReferenceObjCode
}

type typeMetaAnswer struct {
	Data struct {
		ObjCode     string               `json:"objCode"`
		Name        string               `json:"name"`
		Label       string               `json:"label"`
		Fields      map[string]wireField `json:"fields"`
		References  map[string]wireRef   `json:"references"`
		Collections map[string]wireRef   `json:"collections"`
		Queries     json.RawMessage      `json:"queries"`
		Actions     json.RawMessage      `json:"actions"`
	} `json:"data"`
	Error *wireError `json:"error"`
}

func (a *typeMetaAnswer) apiError() *wireError { return a.Error }

// TypeMetadata describes one object type (GET /<obj>/metadata): its
// fields, references and collections. Workfront lists no custom fields
// there: WithCustom adds the ones CustomForms found.
func (c *Client) TypeMetadata(ctx context.Context, objCode string) (TypeMeta, error) {
	path, err := objPath(objCode)
	if err != nil {
		return TypeMeta{}, err
	}
	var body typeMetaAnswer
	if err := c.get(ctx, path+"/metadata", nil, &body); err != nil {
		return TypeMeta{}, err
	}
	d := body.Data
	m := TypeMeta{ObjCode: d.ObjCode, Name: d.Name, Label: orName(d.Label, d.Name)}
	for name, f := range d.Fields {
		fm := FieldMeta{Name: name, Label: orName(f.Label, name), Type: f.FieldType, EnumType: f.EnumType,
			Custom: strings.HasPrefix(name, "DE:"), ReadOnly: slices.Contains(f.Flags, "READ_ONLY")}
		for _, v := range f.PossibleValues {
			fm.Values = append(fm.Values, EnumValue{Value: valueText(v.Value), Label: orName(v.Label, valueText(v.Value))})
		}
		m.Fields = append(m.Fields, fm)
	}
	refs := func(in map[string]wireRef) []RefMeta {
		out := make([]RefMeta, 0, len(in))
		for name, r := range in {
			out = append(out, RefMeta{Name: name, Label: orName(r.Label, name), ObjCode: r.target()})
		}
		sortByLabel(out, refLabel, refName)
		return out
	}
	m.References, m.Collections = refs(d.References), refs(d.Collections)
	m.Queries, m.Actions = readQueries(d.Queries), readActions(d.Actions)
	sortByLabel(m.Fields, fieldLabel, fieldName)
	return m, nil
}

func orName(label, name string) string {
	if label != "" {
		return label
	}
	return name
}
