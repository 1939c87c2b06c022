package wfsim

import (
	"fmt"
	"strings"
)

// EXISTS filters, as Workfront's text-mode docs write them: a group of
// parameters prefixed EXISTS:<label>: names a linked type
// ($$OBJCODE=TASK), whether the row must have such an object or must not
// ($$EXISTSMOD=EXISTS or NOTEXISTS, EXISTS by default), the link (a field
// of the linked type equal to a field of the row: projectID=FIELD:ID) and
// conditions on the linked objects (name=test, status_Mod=in…). Several
// groups are ANDed with the plain filters.

// existsGroup is one EXISTS group's parameters, as they came.
type existsGroup struct {
	label, objCode, mod string
	links               [][2]string // linked type's field, the row's field
	params              []param     // conditions on the linked type
}

// readExists takes an "EXISTS:<label>:<parameter>".
func (b *qbuilder) readExists(p param) *apiError {
	label, rest, ok := strings.Cut(strings.TrimPrefix(p.key, "EXISTS:"), ":")
	if !ok || label == "" || rest == "" {
		e := badParam("Malformed EXISTS filter " + p.key + ": write EXISTS:<label>:<field>, e.g. EXISTS:a:$$OBJCODE=TASK")
		return &e
	}
	var g *existsGroup
	for _, x := range b.exists {
		if x.label == label {
			g = x
		}
	}
	if g == nil {
		g = &existsGroup{label: label, mod: "EXISTS"}
		b.exists = append(b.exists, g)
	}
	switch {
	case rest == "$$OBJCODE":
		g.objCode = strings.ToUpper(p.value)
	case rest == "$$EXISTSMOD":
		g.mod = strings.ToUpper(p.value)
	case strings.HasPrefix(p.value, "FIELD:"):
		g.links = append(g.links, [2]string{rest, strings.TrimPrefix(p.value, "FIELD:")})
	case strings.HasPrefix(rest, "$$") || rest == "fields" || strings.HasSuffix(rest, "_Sort") || strings.HasPrefix(rest, "EXISTS:"):
		e := badParam("An EXISTS filter holds $$OBJCODE, $$EXISTSMOD, a FIELD: link and filters; not " + p.key)
		return &e
	default:
		g.params = append(g.params, param{rest, p.value})
	}
	return nil
}

// build turns the group into one filter on the row: its linked type's
// matching objects are found once, by the link's value.
func (g *existsGroup) build(t *objType, c qctx) (gfilter, *apiError) {
	fail := func(msg string) (gfilter, *apiError) { e := badParam(msg); return gfilter{}, &e }
	linked := t.w.byCode[g.objCode]
	switch {
	case g.objCode == "":
		return fail("EXISTS:" + g.label + ": needs the linked type, e.g. EXISTS:" + g.label + ":$$OBJCODE=TASK")
	case linked == nil:
		return fail("EXISTS:" + g.label + ": unknown object type $$OBJCODE=" + g.objCode)
	case g.mod != "EXISTS" && g.mod != "NOTEXISTS":
		return fail("EXISTS:" + g.label + ":$$EXISTSMOD=" + g.mod + ": write EXISTS or NOTEXISTS")
	case len(g.links) != 1:
		return fail(fmt.Sprintf("EXISTS:%s: the simulator needs exactly one link like projectID=FIELD:ID (got %d)", g.label, len(g.links)))
	}
	theirs, _, ok := linked.resolve(g.links[0][0])
	if !ok {
		e := unknownField(c.version, g.links[0][0], linked)
		return gfilter{}, &e
	}
	ours, _, ok := t.resolve(g.links[0][1])
	if !ok {
		e := unknownField(c.version, g.links[0][1], t)
		return gfilter{}, &e
	}
	lq, e := parseQuery(linked, c, g.params)
	if e != nil {
		return gfilter{}, e
	}
	have := map[string]bool{}
	for j := 0; j < linked.n; j++ {
		if v := theirs(j); v != nil && lq.match(j) {
			have[fmt.Sprint(v)] = true
		}
	}
	not := g.mod == "NOTEXISTS"
	return gfilter{pred: func(i int) bool {
		v := ours(i)
		return (v != nil && have[fmt.Sprint(v)]) != not
	}}, nil
}
