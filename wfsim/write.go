package wfsim

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Writing objects in Workfront's JSON, and the search, count and get answers.

func appendValue(buf []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...)
	case string:
		return appendString(buf, x)
	case int:
		return strconv.AppendInt(buf, int64(x), 10)
	case float64:
		return strconv.AppendFloat(buf, x, 'f', -1, 64)
	case bool:
		return strconv.AppendBool(buf, x)
	case time.Time:
		return appendDate(buf, x)
	case []string:
		buf = append(buf, '[')
		for k, e := range x {
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = appendString(buf, e)
		}
		return append(buf, ']')
	}
	return append(buf, "null"...)
}

// appendObject writes one object: ID, name (for a type that has one) and
// objCode always, then what the fields tree asks for.
func appendObject(buf []byte, t *objType, i int, tr *ftree) []byte {
	buf = append(buf, `{"ID":`...)
	buf = appendValue(buf, t.byName["ID"].get(i))
	if name := t.byName["name"]; name != nil {
		buf = append(buf, `,"name":`...)
		buf = appendValue(buf, name.get(i))
	}
	buf = append(buf, `,"objCode":`...)
	buf = appendString(buf, t.code)
	if tr == nil {
		return append(buf, '}')
	}
	// The keys written so far: a slice, as a row has few (a map per row
	// cost more than writing it).
	written := append(make([]string, 0, 16), "ID", "name", "objCode")
	key := func(k string) {
		buf = append(buf, ',')
		buf = appendString(buf, k)
		buf = append(buf, ':')
		written = append(written, k)
	}
	for _, k := range tr.order {
		if slices.Contains(written, k) {
			continue
		}
		switch {
		case k == "*":
			for _, f := range t.fields {
				if !f.custom && !slices.Contains(written, f.name) {
					key(f.name)
					buf = appendValue(buf, f.get(i))
				}
			}
		case k == "parameterValues":
			key(k)
			buf = append(buf, '{')
			n := 0
			for _, f := range t.customFields() {
				if v := f.get(i); v != nil {
					if n > 0 {
						buf = append(buf, ',')
					}
					n++
					buf = appendString(buf, f.name)
					buf = append(buf, ':')
					buf = appendValue(buf, v)
				}
			}
			buf = append(buf, '}')
		case t.byName[k] != nil:
			key(k)
			buf = appendValue(buf, t.byName[k].get(i))
		case t.refByName[k] != nil:
			r := t.refByName[k]
			key(k)
			to := t.w.byCode[r.objCode]
			id, _ := t.byName[r.idField].get(i).(string)
			if j, ok := to.byID[id]; ok {
				buf = appendObject(buf, to, int(j), tr.sub[k])
			} else {
				buf = append(buf, "null"...)
			}
		case t.colByName[k] != nil:
			c := t.colByName[k]
			key(k)
			to := t.w.byCode[c.objCode]
			buf = append(buf, '[')
			for n, j := range c.rows(i) {
				if n > 0 {
					buf = append(buf, ',')
				}
				buf = appendObject(buf, to, int(j), tr.sub[k])
			}
			buf = append(buf, ']')
		}
		// "DE:…" fields the object does not have are left out.
	}
	return append(buf, '}')
}

func writeJSON(w http.ResponseWriter, buf []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(buf)))
	w.Write(buf)
}

func (s *Sim) genericSearch(w http.ResponseWriter, t *objType, q gquery) {
	rows := q.rows(t)
	if q.first >= len(rows) {
		rows = nil
	} else {
		rows = rows[q.first:min(len(rows), q.first+q.limit)]
	}
	buf := append(make([]byte, 0, 64+len(rows)*200), `{"data":[`...)
	for n, i := range rows {
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = appendObject(buf, t, int(i), q.fields)
	}
	writeJSON(w, append(buf, "]}"...))
}

func (s *Sim) writeCount(w http.ResponseWriter, n int) {
	s.mu.Lock()
	wrapped := s.countWrapped
	s.mu.Unlock()
	if wrapped {
		writeJSON(w, []byte(`{"data":{"count":`+strconv.Itoa(n)+`}}`))
	} else {
		writeJSON(w, []byte(`{"count":`+strconv.Itoa(n)+`}`))
	}
}

// notFound is Workfront's answer to an ID that names nothing.
func notFound(t *objType, id string) apiError {
	return apiError{http.StatusNotFound, "com.attask.common.NotFoundException", fmt.Sprintf("Could not find %s with ID %s", t.name, id)}
}

func (s *Sim) genericGet(w http.ResponseWriter, t *objType, id string, q gquery) {
	i, ok := t.byID[id]
	if !ok {
		writeAPIError(w, notFound(t, id))
		return
	}
	buf := append(make([]byte, 0, 512), `{"data":`...)
	buf = appendObject(buf, t, int(i), q.fields)
	writeJSON(w, append(buf, '}'))
}

// objectID is the ID a get names: $$USER, for a user, is the signed-in one
// (the JS client's get('USER', '$$USER')).
func (c qctx) objectID(t *objType, id string) string {
	if id == "$$USER" && t.code == "USER" {
		return c.userID
	}
	return id
}

// bulkGet answers GET <obj>?id=a&id=b: several IDs give a list in their
// order (fixtures/get_multiple.json), one ID gives the object alone
// (fixtures/get.json). What Workfront answers when one of several IDs
// names nothing is unknown: the simulator answers 404 naming it.
func (s *Sim) bulkGet(w http.ResponseWriter, t *objType, c qctx, params []param) {
	var ids []string
	var rest []param
	for _, p := range params {
		if p.key != "id" {
			rest = append(rest, p)
			continue
		}
		for _, id := range strings.Split(p.value, ",") {
			ids = append(ids, c.objectID(t, id))
		}
	}
	q, e := parseQuery(t, c, rest)
	switch {
	case e != nil:
		writeAPIError(w, *e)
		return
	case len(ids) == 0:
		writeAPIError(w, badParam(fmt.Sprintf("GET %s needs id=<ID> (once or more), or use %s/search", strings.ToLower(t.code), strings.ToLower(t.code))))
		return
	case len(ids) == 1:
		s.genericGet(w, t, ids[0], q)
		return
	}
	buf := append(make([]byte, 0, 256*len(ids)), `{"data":[`...)
	for n, id := range ids {
		i, ok := t.byID[id]
		if !ok {
			writeAPIError(w, notFound(t, id))
			return
		}
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = appendObject(buf, t, int(i), q.fields)
	}
	writeJSON(w, append(buf, "]}"...))
}
