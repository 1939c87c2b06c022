package workfront

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
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
	p := append(filterParams(s.Filters), sortParams(s.Sorts)...)
	if len(s.Fields) > 0 {
		p = append(p, param{"fields", strings.Join(s.Fields, ",")})
	}
	q := Query{First: s.First, Limit: s.Limit}
	return append(p, param{"$$FIRST", strconv.Itoa(q.first())}, param{"$$LIMIT", strconv.Itoa(q.limit())})
}

// sortParams orders a search by its sorts and then by ID, the tiebreak
// that keeps pages stable. One key goes as "ID_Sort=asc"; several are
// numbered ("name_1_Sort=asc&ID_2_Sort=asc"), as Workfront's constants
// document, since the order of unnumbered keys is not.
func sortParams(sorts []Sort) []param {
	keys := slices.DeleteFunc(slices.Clone(sorts), func(so Sort) bool { return so.Field == "" })
	if !slices.ContainsFunc(keys, func(so Sort) bool { return so.Field == "ID" }) {
		keys = append(keys, Sort{Field: "ID"})
	}
	out := make([]param, len(keys))
	for i, so := range keys {
		dir := "asc"
		if so.Desc {
			dir = "desc"
		}
		key := so.Field + "_Sort"
		if len(keys) > 1 {
			key = so.Field + "_" + strconv.Itoa(i+1) + "_Sort"
		}
		out[i] = param{key, dir}
	}
	return out
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
var findTypes = []string{"PROJ", "TASK", "OPTASK", "USER", "PORT", "PRGM", "DOCU", "HOUR", "TMPL", "NOTE", "ASSGN", "TEAM", "GROUP", "CMPY", "ROLE", "CTGY", "PARAM"}

// FindTypes returns them.
func FindTypes() []string { return slices.Clone(findTypes) }

// Getter reads one object by its ID; *Client satisfies it.
type Getter interface {
	Get(ctx context.Context, objCode, id string, fields []string) (Object, error)
}

// Find says what an ID is: it asks FindTypes in turn for the object's name
// and returns the first that has it. Workfront's "not found" answers move
// on to the next type; any other failure (the network, the sign-in) ends
// the search.
func Find(ctx context.Context, g Getter, id string) (Object, error) {
	types := findTypes
	if objCode, fromURL, ok := ParseObjectLink(id); ok {
		id = fromURL
		if objCode != "" { // the link names the type: ask it first
			types = append([]string{objCode}, slices.DeleteFunc(slices.Clone(findTypes), func(t string) bool { return t == objCode })...)
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
	return nil, msg.New("No object with the ID %q among the types %s.", id, strings.ToLower(strings.Join(findTypes, ", ")))
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
