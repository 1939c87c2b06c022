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
//	    "fields":{"<name>":{"label","fieldType","typeObjCode":null,"targetTypeObjCode":null,
//	        "enumTargetObjCode":null,"enumType","url":null,"possibleValues"?,"flags":[…]}},
//	    "references":{"<name>":{"label","typeObjCode","targetTypeObjCode":null,"fieldType",
//	        "enumTargetObjCode":null,"enumType":null,"url","flags"?}},
//	    "collections":{…as references, "flags":["NOT_GROUPABLE"]},
//	    "search":{},"actions":{},"queries":{},"operations":[…]}}
//
// A reference or collection names its target in typeObjCode only, and its
// fieldType is the target's API name ("User"); flags appear only when there
// are some, as in the fixture. Custom fields are not listed: Workfront's
// object metadata is the same for every instance, and an instance's own
// fields are read with param/search, ctgy/search, ctgypa and popt
// (customforms.go).

func (s *Sim) metadataURL(r *http.Request, base, code string) string {
	return "http://" + r.Host + base + "/" + strings.ToLower(code) + "/metadata"
}

// writeMetadataList answers GET <base>/metadata: the types rt's version has.
func (s *Sim) writeMetadataList(w http.ResponseWriter, r *http.Request, rt route) {
	objects := map[string]any{}
	for _, t := range s.worldAt(rt.version).types {
		objects[t.name] = map[string]any{"objCode": t.code, "name": t.name, "label": t.label, "url": s.metadataURL(r, rt.base, t.code)}
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
		if !f.custom {
			fields[f.name] = fieldMetadata(f)
		}
	}
	link := func(label, code string) map[string]any {
		to := t.w.byCode[code]
		return map[string]any{"label": label, "typeObjCode": code, "targetTypeObjCode": nil,
			"fieldType": to.name, "enumTargetObjCode": nil, "enumType": nil, "url": s.metadataURL(r, base, code)}
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
		"search": map[string]any{}, "actions": actionsMetadata(t.code), "queries": queriesMetadata(t.code),
		"operations": []string{"count", "get", "metadata", "report", "search"},
	})
}

// fieldMetadata is one plain field's entry. A list (objTypes) can be
// neither filtered, sorted nor grouped on.
func fieldMetadata(f *fieldDef) map[string]any {
	flags := []string{"FILTERABLE", "SORTABLE"}
	switch {
	case f.kind == kStrings:
		flags = []string{"NOT_GROUPABLE"}
	case strings.HasSuffix(f.name, "ID"):
		flags = append(flags, "NOT_GROUPABLE")
	}
	if f.readOnly {
		flags = append(flags, "READ_ONLY")
	}
	m := map[string]any{"label": f.label, "fieldType": kindNames[f.kind], "typeObjCode": nil, "targetTypeObjCode": nil,
		"enumTargetObjCode": nil, "enumType": nil, "url": nil, "flags": flags}
	if f.enum != nil {
		m["enumType"] = f.enum.typ
		pv := make([]map[string]any, len(f.enum.values))
		for k, v := range f.enum.values {
			pv[k] = map[string]any{"value": v.value, "label": v.label}
		}
		m["possibleValues"] = pv
	}
	return m
}
