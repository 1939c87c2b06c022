package wfsim

import (
	"net/http"
)

// namedQuery answers GET <base>/work/<query>; the simulator has myWork
// ([AB]): the signed-in user's open work, that is the tasks assigned to
// them (assignedToID) and the issues they own (ownerID) that are not
// complete (CPL), tasks first, each in ID order, as {"data":[…]} with
// objCode on every row. It takes fields= (each field known to tasks or to
// issues; a row gets those its type has), $$FIRST and $$LIMIT. The
// fixtures have no sample of it: the rows are shaped as a search's.
func (s *Sim) namedQuery(w http.ResponseWriter, query string, c qctx, params []param) {
	s.namedQueryOf(w, query, nil, c, params)
}

// namedQueryOf answers a named query, of one type only (GET
// <base>/task/myWork) or of both (only nil: work/myWork).
func (s *Sim) namedQueryOf(w http.ResponseWriter, query string, only *objType, c qctx, params []param) {
	if query != "myWork" {
		writeAPIError(w, apiError{http.StatusNotFound, "com.attask.common.NotFoundException", "Unknown named query work/" + query + "; the simulator has work/myWork"})
		return
	}
	wld := s.worldAt(c.version)
	task, issue := wld.byCode["TASK"], wld.byCode["OPTASK"]
	tree, first, limit := &ftree{}, 0, 100
	for _, p := range params {
		var e *apiError
		switch p.key {
		case "fields":
			e = addFields(tree, p.value, c.version, task)
		case "$$FIRST", "$$LIMIT":
			e = readPaging(p, &first, &limit)
		case "method", "sessionID":
		default:
			err := unsupported("the parameter " + p.key + " in work/myWork: it takes fields, $$FIRST and $$LIMIT")
			e = &err
		}
		if e != nil {
			writeAPIError(w, *e)
			return
		}
	}
	for _, k := range tree.order {
		one := &ftree{order: []string{k}, sub: map[string]*ftree{k: tree.sub[k]}}
		if e := checkTree(task, c.version, one, ""); e != nil && checkTree(issue, c.version, one, "") != nil {
			writeAPIError(w, *e)
			return
		}
	}
	type item struct {
		t *objType
		i int
	}
	var items []item
	for _, src := range []struct {
		t     *objType
		field string
	}{{task, "assignedToID"}, {issue, "ownerID"}} {
		if only != nil && src.t != only {
			continue
		}
		who, status := src.t.byName[src.field], src.t.byName["status"]
		for i := range src.t.n {
			if who.get(i) == c.userID && status.get(i) != "CPL" {
				items = append(items, item{src.t, i})
			}
		}
	}
	items = items[min(first, len(items)):min(len(items), first+limit)]
	buf := append(make([]byte, 0, 64+len(items)*200), `{"data":[`...)
	for n, it := range items {
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = appendObject(buf, it.t, it.i, tree)
	}
	writeJSON(w, append(buf, "]}"...))
}
