package workfront

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// The generic path: search, count, get and metadata for any object type,
// with Workfront's own fields (ref:field, collections, DE: custom data),
// filters and sorts. Rows are Objects: what Workfront sent, field by field.

// Object is one Workfront object as the API sent it: a field's value is a
// string, a float64, a bool, nil, a nested Object (a reference) or a
// []any of Objects (a collection).
type Object map[string]any

// ID, Name and ObjCode are what every object carries.
func (o Object) ID() string      { return o.Text("ID") }
func (o Object) Name() string    { return o.Text("name") }
func (o Object) ObjCode() string { return o.Text("objCode") }

// Value follows a field path ("owner:name", "DE:Budget Code") through
// nested objects. A custom field's name may itself hold a colon ("DE:…"),
// so the whole path is tried as a key first at every level.
func (o Object) Value(path string) (any, bool) {
	if v, ok := o[path]; ok {
		return v, true
	}
	head, rest, found := strings.Cut(path, ":")
	if !found {
		return nil, false
	}
	if head == "DE" { // a custom field the object does not have
		return nil, false
	}
	switch next := o[head].(type) {
	case map[string]any:
		return Object(next).Value(rest)
	case Object:
		return next.Value(rest)
	}
	return nil, false
}

// Text renders a field for people and for CSV: strings as they are,
// numbers without needless digits, a reference by its name (or ID), a
// collection by its members' names, nothing as "".
func (o Object) Text(path string) string {
	v, _ := o.Value(path)
	return valueText(v)
}

// ValueText renders one value as Text does.
func ValueText(v any) string { return valueText(v) }

func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		return refText(Object(x))
	case Object:
		return refText(x)
	case []any:
		names := make([]string, 0, len(x))
		for _, item := range x {
			names = append(names, valueText(item))
		}
		return strings.Join(names, ", ")
	}
	return fmt.Sprint(v)
}

func refText(o Object) string {
	if n := o.Name(); n != "" {
		return n
	}
	return o.ID()
}

// Time reads a date field in Workfront's format; false when it is empty or
// not a date.
func (o Object) Time(path string) (time.Time, bool) {
	v, _ := o.Value(path)
	s, ok := v.(string)
	if !ok || s == "" {
		return time.Time{}, false
	}
	t, err := ParseDate(s)
	return t, err == nil && !t.IsZero()
}

// Number reads a numeric field (Workfront may send a number as a string).
func (o Object) Number(path string) (float64, bool) {
	v, _ := o.Value(path)
	switch x := v.(type) {
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// Filter is one parameter of Workfront's filter syntax, as people write
// it: "status=CUR", "name_Mod=cicontains", "project:name=Apollo",
// "DE:Budget Code=BC-001", "status=CUR,PLN" (with "status_Mod=in").
type Filter struct{ Key, Value string }

// ParseFilter reads "field=value". The value may hold "="; the key may
// hold spaces and colons (custom fields, references) but not "$$", which
// marks Workfront's own paging parameters.
func ParseFilter(s string) (Filter, error) {
	key, value, ok := strings.Cut(s, "=")
	key = strings.TrimSpace(key)
	switch {
	case !ok || key == "":
		return Filter{}, msg.New("%q is not a filter: write field=value, like status=CUR or name_Mod=cicontains.", s)
	case strings.HasPrefix(key, "$$") || key == "fields" || key == "method" || key == "sessionID":
		return Filter{}, msg.New("%q is not a filter: %s is set by wfconnect (use --fields, --limit, --first).", s, key)
	}
	return Filter{Key: key, Value: value}, nil
}

// Sort orders a search by one field.
type Sort struct {
	Field string
	Desc  bool
}

// Search asks for objects of one type.
type Search struct {
	ObjCode string   // an objCode or API name in any case: proj, task, OPTASK, issue…
	Fields  []string // fields=…; empty: Workfront's default fields
	Filters []Filter
	Sorts   []Sort // an ID tiebreak is added, so paging is stable
	First   int    // 0-based skip ($$FIRST)
	Limit   int    // page size ($$LIMIT): 0 means 100, at most 2000
}

var objCodePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{0,31}$`)

// objPath checks an object type before it becomes part of a path.
func objPath(objCode string) (string, error) {
	if !objCodePattern.MatchString(objCode) {
		return "", msg.New("%q is not a Workfront object type (use an objCode such as proj, task or optask).", objCode)
	}
	return "/" + strings.ToLower(objCode), nil
}

func filterParams(filters []Filter) []param {
	out := make([]param, 0, len(filters)+4)
	for _, f := range filters {
		out = append(out, param{f.Key, f.Value})
	}
	return out
}

func (s Search) params() []param {
	p := filterParams(s.Filters)
	byID := false
	for _, so := range s.Sorts {
		dir := "asc"
		if so.Desc {
			dir = "desc"
		}
		p = append(p, param{so.Field + "_Sort", dir})
		byID = byID || so.Field == "ID"
	}
	if !byID {
		p = append(p, param{"ID_Sort", "asc"}) // the tiebreak that keeps pages stable
	}
	if len(s.Fields) > 0 {
		p = append(p, param{"fields", strings.Join(s.Fields, ",")})
	}
	q := Query{First: s.First, Limit: s.Limit}
	return append(p, param{"$$FIRST", strconv.Itoa(q.first())}, param{"$$LIMIT", strconv.Itoa(q.limit())})
}

type objectsAnswer struct {
	Data  []Object   `json:"data"`
	Error *wireError `json:"error"`
}

func (a *objectsAnswer) apiError() *wireError { return a.Error }

type objectAnswer struct {
	Data  Object     `json:"data"`
	Error *wireError `json:"error"`
}

func (a *objectAnswer) apiError() *wireError { return a.Error }

// SearchURL is the address of a search, as a person could paste it into
// curl or a browser (the sign-in goes in a header, never in the address).
func SearchURL(host, apiVersion string, s Search) (string, error) {
	path, err := objPath(s.ObjCode)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(host, "/") + "/attask/api/" + apiVersion + path + "/search?" + encodeParams(s.params()), nil
}

// Search returns one page of objects.
func (c *Client) Search(ctx context.Context, s Search) ([]Object, error) {
	path, err := objPath(s.ObjCode)
	if err != nil {
		return nil, err
	}
	var body objectsAnswer
	if err := c.get(ctx, path+"/search", s.params(), &body); err != nil {
		return nil, err
	}
	return body.Data, nil
}

// Count counts the objects the filters match.
func (c *Client) Count(ctx context.Context, objCode string, filters []Filter) (int, error) {
	path, err := objPath(objCode)
	if err != nil {
		return 0, err
	}
	var body countAnswer
	if err := c.get(ctx, path+"/count", filterParams(filters), &body); err != nil {
		return 0, err
	}
	switch {
	case body.Data != nil && body.Data.Count != nil:
		return *body.Data.Count, nil
	case body.Count != nil:
		return *body.Count, nil
	}
	return 0, msg.New("Workfront's count answer carried no count.")
}

// Get reads one object by its ID.
func (c *Client) Get(ctx context.Context, objCode, id string, fields []string) (Object, error) {
	path, err := objPath(objCode)
	if err != nil {
		return nil, err
	}
	if id == "" || strings.ContainsAny(id, "/?#") {
		return nil, msg.New("%q is not a Workfront ID.", id)
	}
	var params []param
	if len(fields) > 0 {
		params = append(params, param{"fields", strings.Join(fields, ",")})
	}
	var body objectAnswer
	if err := c.get(ctx, path+"/"+url.PathEscape(id), params, &body); err != nil {
		return nil, err
	}
	if body.Data == nil {
		return nil, msg.New("Workfront's answer for %s %s carried no object.", objCode, id)
	}
	return body.Data, nil
}

// FindTypes are the types Find looks an ID up in, the common ones first:
// Workfront's IDs carry no type.
var FindTypes = []string{"PROJ", "TASK", "OPTASK", "USER", "PORT", "PRGM", "DOCU", "HOUR", "TMPL", "NOTE", "ASSGN", "TEAM", "GROUP", "CMPY", "ROLE", "CTGY", "PARAM"}

// Getter reads one object by its ID; *Client satisfies it.
type Getter interface {
	Get(ctx context.Context, objCode, id string, fields []string) (Object, error)
}

// Find says what an ID is: it asks FindTypes in turn for the object's name
// and returns the first that has it. Workfront's "not found" answers move
// on to the next type; any other failure (the network, the sign-in) ends
// the search.
func Find(ctx context.Context, g Getter, id string) (Object, error) {
	types := FindTypes
	if objCode, fromURL, ok := ParseObjectLink(id); ok {
		id = fromURL
		if objCode != "" { // the link names the type: ask it first
			types = append([]string{objCode}, slices.DeleteFunc(slices.Clone(FindTypes), func(t string) bool { return t == objCode })...)
		}
	}
	for _, obj := range types {
		o, err := g.Get(ctx, obj, id, []string{"name"})
		var apiErr *APIError
		switch {
		case err == nil:
			if o.ObjCode() == "" {
				o["objCode"] = obj
			}
			return o, nil
		case errors.As(err, &apiErr) && !IsUnauthenticated(err) && apiErr.Status < 500:
			continue // not of this type
		default:
			return nil, err
		}
	}
	return nil, msg.New("No object with the ID %q among the types %s.", id, strings.ToLower(strings.Join(FindTypes, ", ")))
}

// ParseObjectLink reads a Workfront web link pasted from the browser
// ("https://acme.my.workfront.com/project/<ID>/overview", ".../task/view?ID=<ID>")
// into its object type (when the path names one) and ID. ok is false for
// text that is not a link with an ID.
func ParseObjectLink(s string) (objCode, id string, ok bool) {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", "", false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	id = u.Query().Get("ID")
	if id == "" && len(parts) >= 2 && parts[1] != "view" {
		id = parts[1]
	}
	if id == "" {
		return "", "", false
	}
	path := strings.ToLower(parts[0])
	if path == "project" {
		return "PROJ", id, true
	}
	for code, p := range webPages {
		if p == path {
			return code, id, true
		}
	}
	return "", id, true
}

// All calls each for every object the search matches, from s.First on, in
// pages of s.Limit (2000 when 0) ordered with an ID tiebreak, until a short
// page. It stops at the first error, from Workfront, ctx or each.
func (c *Client) All(ctx context.Context, s Search, each func(Object) error) error {
	if s.Limit <= 0 {
		s.Limit = MaxLimit
	}
	s.Limit = Query{Limit: s.Limit}.limit()
	s.First = max(0, s.First)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := c.Search(ctx, s)
		if err != nil {
			return err
		}
		for _, o := range page {
			if err := each(o); err != nil {
				return err
			}
		}
		if len(page) < s.Limit {
			return nil
		}
		s.First += len(page)
	}
}

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
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Label) < strings.ToLower(out[j].Label) })
	return out, nil
}

type wireField struct {
	Label          string `json:"label"`
	FieldType      string `json:"fieldType"`
	EnumType       string `json:"enumType"`
	Custom         bool   `json:"custom"`
	PossibleValues []struct {
		Value any    `json:"value"`
		Label string `json:"label"`
	} `json:"possibleValues"`
}

type wireRef struct {
	Label            string `json:"label"`
	ReferenceObjCode string `json:"referenceObjCode"`
}

type typeMetaAnswer struct {
	Data struct {
		ObjCode     string               `json:"objCode"`
		Name        string               `json:"name"`
		Label       string               `json:"label"`
		Fields      map[string]wireField `json:"fields"`
		References  map[string]wireRef   `json:"references"`
		Collections map[string]wireRef   `json:"collections"`
	} `json:"data"`
	Error *wireError `json:"error"`
}

func (a *typeMetaAnswer) apiError() *wireError { return a.Error }

// TypeMetadata describes one object type (GET /<obj>/metadata): its
// fields, references and collections, the instance's custom fields among
// the fields.
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
			Custom: f.Custom || strings.HasPrefix(name, "DE:")}
		for _, v := range f.PossibleValues {
			fm.Values = append(fm.Values, EnumValue{Value: valueText(v.Value), Label: orName(v.Label, valueText(v.Value))})
		}
		m.Fields = append(m.Fields, fm)
	}
	refs := func(in map[string]wireRef) []RefMeta {
		out := make([]RefMeta, 0, len(in))
		for name, r := range in {
			out = append(out, RefMeta{Name: name, Label: orName(r.Label, name), ObjCode: r.ReferenceObjCode})
		}
		sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Label) < strings.ToLower(out[j].Label) })
		return out
	}
	m.References, m.Collections = refs(d.References), refs(d.Collections)
	sort.Slice(m.Fields, func(i, j int) bool { return strings.ToLower(m.Fields[i].Label) < strings.ToLower(m.Fields[j].Label) })
	return m, nil
}

func orName(label, name string) string {
	if label != "" {
		return label
	}
	return name
}
