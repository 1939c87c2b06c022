package wfsim

import (
	"fmt"
	"strings"
	"testing"
)

// names joins what each row holds at a path ("category:name"), one row a
// part; a collection's items are joined with "+".
func names(rows []map[string]any, path ...string) string {
	var out []string
	var walk func(v any, path []string) string
	walk = func(v any, path []string) string {
		if len(path) == 0 {
			return fmt.Sprint(v)
		}
		switch x := v.(type) {
		case map[string]any:
			return walk(x[path[0]], path[1:])
		case []any:
			var parts []string
			for _, e := range x {
				parts = append(parts, walk(e, path))
			}
			return strings.Join(parts, "+")
		}
		return fmt.Sprint(v)
	}
	for _, r := range rows {
		out = append(out, walk(r, path))
	}
	return strings.Join(out, ",")
}

// TestCustomForms: forms (CTGY, one or several object types), the fields
// on them through CTGYPA, a field's options (POPT), searched like any type.
func TestCustomForms(t *testing.T) {
	_, _, get := objServer(t)
	_, v := get(api + "ctgy/search?catObjCode=PROJ&fields=catObjCode,objTypes,categoryParameters:parameter:name")
	rows := rowsOf(t, v)
	if got := names(rows, "name") + " " + names(rows, "objTypes") + " " + names(rows, "categoryParameters", "parameter", "name"); got != "Project Details,Shared Tags [PROJ],[PROJ OPTASK] Budget Code+Budget,Risk" {
		t.Errorf("forms for PROJ: %s", got)
	}
	_, v = get(api + "ctgy/search?fields=*")
	for _, r := range rowsOf(t, v) {
		if list, ok := r["objTypes"].([]any); !ok || len(list) == 0 || list[0] != r["catObjCode"] || r["description"] == nil {
			t.Errorf("ctgy *: %v", r)
		}
	}
	formID := rows[0]["ID"].(string)
	_, v = get(api + "ctgypa/search?categoryID=" + formID + "&fields=*,parameter:name,category:name")
	pas := rowsOf(t, v)
	if names(pas, "parameter", "name") != "Budget Code,Budget" || names(pas, "displayOrder") != "1,2" || names(pas, "category", "name") != "Project Details,Project Details" {
		t.Errorf("ctgypa: %v", pas)
	}
	for _, r := range pas {
		if r["ID"] != r["categoryID"].(string)+"_"+r["parameterID"].(string) || r["parameterGroupID"] != nil || r["objCode"] != "CTGYPA" {
			t.Errorf("ctgypa row %v", r)
		}
		if _, ok := r["name"]; ok {
			t.Errorf("ctgypa has a name: %v", r)
		}
	}
	_, v = get(api + "param/search?fields=isActive,dataType,displayType,categoryParameters:category:name,parameterOptions:value")
	params := rowsOf(t, v)
	if got := names(params, "name") + " " + names(params, "isActive") + " " + names(params, "categoryParameters", "category", "name"); got != "Budget Code,Budget,Risk,Legacy Code true,true,true,false Project Details,Project Details,Task Extras+Shared Tags," {
		t.Errorf("params: %s", got)
	}
	if got := names(params, "parameterOptions", "value"); got != ",,Low+Medium+High," {
		t.Errorf("options: %s", got)
	}
	riskID := params[2]["ID"].(string)
	_, v = get(api + "popt/search?parameterID=" + riskID + "&fields=*,parameter:name&displayOrder_Sort=desc")
	if opts := rowsOf(t, v); names(opts, "value") != "High,Medium,Low" || names(opts, "isDefault") != "false,false,true" || names(opts, "parameter", "name") != "Risk,Risk,Risk" {
		t.Errorf("popt: %v", opts)
	}
	if _, v := get(api + "param/" + riskID + "?fields=parameterOptions:label"); names([]map[string]any{dataOf(v)}, "parameterOptions", "label") != "Low+Medium+High" {
		t.Errorf("param get: %v", v)
	}
	if _, v := get(api + "ctgy/count?objTypes=PROJ"); v["error"] == nil {
		t.Errorf("a filter on objTypes: %v", v)
	}
	if _, v := get(api + "ctgy/search?objTypes_Sort=asc"); v["error"] == nil {
		t.Errorf("a sort on objTypes: %v", v)
	}
	// PARAM has no categoryID or category: a field sits on forms through CTGYPA.
	for _, f := range []string{"categoryID", "category:name"} {
		if code, _ := get(api + "param/search?fields=" + f); code != 422 {
			t.Errorf("param fields=%s: %d", f, code)
		}
	}
}

// TestCustomFieldOnAFormWithoutValues: Risk is on a PROJ and OPTASK form
// but no project or issue has it set: filters on it are valid and see nulls.
func TestCustomFieldOnAFormWithoutValues(t *testing.T) {
	_, _, get := objServer(t)
	for q, want := range map[string]float64{"proj/count?DE:Risk=High": 0, "proj/count?DE:Risk_Mod=isnull": 2000,
		"optask/count?DE:Risk_Mod=notnull": 0, "task/count?DE:Risk_Mod=notnull": 3000} {
		if code, v := get(api + q); code != 200 || dataOf(v)["count"] != want {
			t.Errorf("%s: %d %v", q, code, v)
		}
	}
	if code, _ := get(api + "proj/count?DE:Nothing=1"); code != 422 {
		t.Errorf("a custom field on no form: %d", code)
	}
}
