package wfsim

// Custom forms as Workfront has them: a form (CTGY) is for one object type
// (catObjCode) or several (objTypes); a custom field (PARAM) sits on forms
// through CTGYPA rows (ID "<categoryID>_<parameterID>"), so one field can
// sit on several forms; a field's options are POPT rows. The values on the
// objects are the DE: fields of PROJ and TASK (objects_types.go).
//
//	CTGY  Project Details  PROJ  [PROJ]         Budget Code, Budget
//	CTGY  Task Extras      TASK  [TASK]         Risk
//	CTGY  Shared Tags      PROJ  [PROJ,OPTASK]  Risk
//	PARAM Legacy Code      inactive, on no form
//
// The sandbox (Options.Sandbox) differs in known ways, which a comparison
// of the two must find and nothing else: Shared Tags is missing, Budget
// Code is a paragraph (displayType TXTA, its values still text), and
// Risk's options are Low, High, Critical (Medium removed, Critical added).

func customFormRows(sandbox bool) (ctgys, ctgypas, params, popts []rec) {
	ctgys = []rec{
		{"ID": genID(0x1c000000, 0), "name": "Project Details", "description": "Budget data of a project.", "catObjCode": "PROJ", "objTypes": []string{"PROJ"}},
		{"ID": genID(0x1c000000, 1), "name": "Task Extras", "description": "Risk of a task.", "catObjCode": "TASK", "objTypes": []string{"TASK"}},
		{"ID": genID(0x1c000000, 2), "name": "Shared Tags", "description": "Tags of projects and issues.", "catObjCode": "PROJ", "objTypes": []string{"PROJ", "OPTASK"}},
	}
	params = []rec{
		{"ID": genID(0x1d000000, 0), "name": "Budget Code", "label": "Budget Code", "description": "Cost centre, e.g. BC-001.", "dataType": "TEXT", "displayType": "TEXT", "isActive": true},
		{"ID": genID(0x1d000000, 1), "name": "Budget", "label": "Budget", "description": "Approved budget.", "dataType": "NMBR", "displayType": "TEXT", "isActive": true},
		{"ID": genID(0x1d000000, 2), "name": "Risk", "label": "Risk", "description": "Low, Medium or High.", "dataType": "TEXT", "displayType": "DDOWN", "isActive": true},
		{"ID": genID(0x1d000000, 3), "name": "Legacy Code", "label": "Legacy Code", "description": "No longer used.", "dataType": "TEXT", "displayType": "TEXT", "isActive": false},
	}
	placements := []struct{ form, param, order int }{{0, 0, 1}, {0, 1, 2}, {1, 2, 1}, {2, 2, 1}}
	options := []string{"Low", "Medium", "High"}
	if sandbox {
		ctgys, placements, options = ctgys[:2], placements[:3], []string{"Low", "High", "Critical"}
		params[0]["displayType"] = "TXTA"
	}
	// In ID order: by form, then by field.
	for _, cp := range placements {
		c, p := ctgys[cp.form]["ID"].(string), params[cp.param]["ID"].(string)
		ctgypas = append(ctgypas, rec{"ID": c + "_" + p, "categoryID": c, "parameterID": p, "displayOrder": cp.order, "parameterGroupID": nil})
	}
	for i, v := range options {
		popts = append(popts, rec{"ID": genID(0x1e000000, i), "parameterID": params[2]["ID"], "value": v, "label": v,
			"displayOrder": i + 1, "isDefault": i == 0, "isHidden": false})
	}
	return ctgys, ctgypas, params, popts
}

func addCustomForms(w *world) {
	ctgys, ctgypas, params, popts := customFormRows(w.d.sandbox)
	w.formFields = formFields(ctgys, ctgypas, params)
	ctgy := tableType("CTGY", "Category", "Custom Form", ctgys)
	plains(ctgy, ctgys, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"description", "Description", kString, nil},
		{"catObjCode", "Object Type", kString, nil}, {"objTypes", "Object Types", kStrings, nil}})
	ctgy.col("categoryParameters", "Category Parameters", "CTGYPA", at(childrenOf(ctgypas, "categoryID", indexOf(ctgys), len(ctgys))))
	w.add(ctgy)

	ctgypa := tableType("CTGYPA", "CategoryParameter", "Category Parameter", ctgypas)
	plains(ctgypa, ctgypas, []plainField{{"ID", "ID", kString, nil}, {"categoryID", "Category ID", kString, nil},
		{"parameterID", "Parameter ID", kString, nil}, {"displayOrder", "Display Order", kInt, nil},
		{"parameterGroupID", "Parameter Group ID", kString, nil}})
	ctgypa.ref("category", "Category", "CTGY", "categoryID")
	ctgypa.ref("parameter", "Parameter", "PARAM", "parameterID")
	w.add(ctgypa)

	param := tableType("PARAM", "Parameter", "Custom Field", params)
	plains(param, params, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"label", "Label", kString, nil},
		{"description", "Description", kString, nil}, {"dataType", "Data Type", kString, nil}, {"displayType", "Display Type", kString, nil},
		{"isActive", "Is Active", kBool, nil}})
	paramIdx := indexOf(params)
	param.col("parameterOptions", "Parameter Options", "POPT", at(childrenOf(popts, "parameterID", paramIdx, len(params))))
	param.col("categoryParameters", "Category Parameters", "CTGYPA", at(childrenOf(ctgypas, "parameterID", paramIdx, len(params))))
	w.add(param)

	popt := tableType("POPT", "ParameterOption", "Parameter Option", popts)
	plains(popt, popts, []plainField{{"ID", "ID", kString, nil}, {"parameterID", "Parameter ID", kString, nil}, {"value", "Value", kString, nil},
		{"label", "Label", kString, nil}, {"displayOrder", "Display Order", kInt, nil}, {"isDefault", "Is Default", kBool, nil},
		{"isHidden", "Is Hidden", kBool, nil}})
	popt.ref("parameter", "Parameter", "PARAM", "parameterID")
	w.add(popt)
}

// dataKinds are the kinds of the custom fields' dataTypes.
var dataKinds = map[string]fieldKind{"TEXT": kString, "NMBR": kDouble, "CURC": kDouble, "DATE": kDate}

// formFields are, by objCode, the custom fields ("DE:<name>") its forms
// carry, each without values: a filter or sort on a field that is on the
// type's form but that no object of the type has set is valid and sees nulls.
func formFields(ctgys, ctgypas, params []rec) map[string]map[string]*fieldDef {
	ctgyIdx, paramIdx := indexOf(ctgys), indexOf(params)
	out := map[string]map[string]*fieldDef{}
	for _, cp := range ctgypas {
		form, p := ctgys[ctgyIdx[cp["categoryID"].(string)]], params[paramIdx[cp["parameterID"].(string)]]
		name := "DE:" + p["name"].(string)
		for _, code := range form["objTypes"].([]string) {
			if out[code] == nil {
				out[code] = map[string]*fieldDef{}
			}
			out[code][name] = &fieldDef{name: name, label: p["label"].(string), kind: dataKinds[p["dataType"].(string)], custom: true,
				get: func(int) any { return nil }}
		}
	}
	return out
}
