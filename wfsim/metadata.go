package wfsim

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Metadata, in the shape of Workfront's API Explorer source ([MD]: the
// workfront-api package's fixtures/metadata.json):
//
//	GET <base>/metadata        {"data":{"objects":{"Project":{"objCode","name","label","url"},…}}}
//	GET <base>/<obj>/metadata  {"data":{"objCode","name","label","url","flags":[…],
//	    "fields":{"<name>":{"label","fieldType","enumType","possibleValues"?,"flags":[…],…}},
//	    "references":{"<name>":{"label","referenceObjCode","typeObjCode","fieldType","url",…}},
//	    "collections":{"<name>":{"label","referenceObjCode","typeObjCode","fieldType","url",…}},
//	    "search":{},"actions":{},"queries":{},"operations":[…]}}
//
// As in the fixture, a field also carries typeObjCode, targetTypeObjCode,
// enumTargetObjCode and url (null for plain fields); a reference or
// collection names its target in typeObjCode (the fixture's key) and in
// referenceObjCode, and its fieldType is the target's API name ("User").
// "search", "actions" and "queries" are objects, as in the fixture.
//
// Custom fields: Workfront's object metadata is the same for every instance
// and lists no custom fields; the instance's own are read with param/search
// (and ctgy/search for the forms). The simulator also lists its custom
// fields in "fields", under their API names ("DE:Budget Code"), marked
// "custom":true and with the flag "CUSTOM", so a client can tell them apart
// from built-in ones either way.

func (s *Sim) metadataURL(r *http.Request, base, code string) string {
	return "http://" + r.Host + base + "/" + strings.ToLower(code) + "/metadata"
}

// writeMetadataList answers GET <base>/metadata.
func (s *Sim) writeMetadataList(w http.ResponseWriter, r *http.Request, base string) {
	objects := map[string]any{}
	for _, t := range s.world().types {
		objects[t.name] = map[string]any{"objCode": t.code, "name": t.name, "label": t.label, "url": s.metadataURL(r, base, t.code)}
	}
	writeData(w, map[string]any{"objects": objects})
}

func writeData(w http.ResponseWriter, v any) {
	b, _ := json.Marshal(map[string]any{"data": v})
	writeJSON(w, b)
}

// writeMetadata answers GET <base>/<obj>/metadata.
func (s *Sim) writeMetadata(w http.ResponseWriter, r *http.Request, base string, t *objType) {
	fields := map[string]any{}
	for _, f := range t.fields {
		flags := []string{"FILTERABLE", "SORTABLE"}
		if f.name == "ID" || strings.HasSuffix(f.name, "ID") {
			flags = append(flags, "READ_ONLY", "NOT_GROUPABLE")
		}
		m := map[string]any{"label": f.label, "fieldType": kindNames[f.kind], "typeObjCode": nil, "targetTypeObjCode": nil,
			"enumTargetObjCode": nil, "enumType": nil, "url": nil}
		if f.enum != nil {
			m["enumType"] = f.enum.typ
			pv := make([]map[string]any, len(f.enum.values))
			for k, v := range f.enum.values {
				pv[k] = map[string]any{"value": v.value, "label": v.label}
			}
			m["possibleValues"] = pv
		}
		if f.custom {
			m["custom"] = true
			flags = append(flags, "CUSTOM")
		}
		m["flags"] = flags
		fields[f.name] = m
	}
	link := func(label, code string) map[string]any {
		to := s.world().byCode[code]
		return map[string]any{"label": label, "referenceObjCode": code, "typeObjCode": code, "targetTypeObjCode": nil,
			"fieldType": to.name, "enumTargetObjCode": nil, "enumType": nil, "url": s.metadataURL(r, base, code), "flags": []string{}}
	}
	refs := map[string]any{}
	for _, x := range t.refs {
		refs[x.name] = link(x.label, x.objCode)
	}
	cols := map[string]any{}
	for _, x := range t.cols {
		m := link(x.label, x.objCode)
		m["flags"] = []string{"NOT_GROUPABLE"}
		cols[x.name] = m
	}
	writeData(w, map[string]any{
		"objCode": t.code, "name": t.name, "label": t.label, "url": s.metadataURL(r, base, t.code),
		"flags": []string{"REPORTABLE"}, "fields": fields, "references": refs, "collections": cols,
		"search": map[string]any{}, "actions": map[string]any{}, "queries": map[string]any{},
		"operations": []string{"count", "get", "metadata", "search"},
	})
}
