package wfsim

// Custom forms (CTGY) and custom fields (PARAM).

func addCustomForms(w *world) {
	ctgys := []rec{
		{"ID": genID(0x1c000000, 0), "name": "Project Details", "catObjCode": "PROJ", "description": "Budget data of a project."},
		{"ID": genID(0x1c000000, 1), "name": "Task Extras", "catObjCode": "TASK", "description": "Risk of a task."},
	}
	params := []rec{
		{"ID": genID(0x1d000000, 0), "name": "Budget Code", "label": "Budget Code", "dataType": "TEXT", "displayType": "TEXT", "description": "Cost centre, e.g. BC-001.", "categoryID": ctgys[0]["ID"]},
		{"ID": genID(0x1d000000, 1), "name": "Budget", "label": "Budget", "dataType": "NMBR", "displayType": "TEXT", "description": "Approved budget.", "categoryID": ctgys[0]["ID"]},
		{"ID": genID(0x1d000000, 2), "name": "Risk", "label": "Risk", "dataType": "TEXT", "displayType": "DDOWN", "description": "Low, Medium or High.", "categoryID": ctgys[1]["ID"]},
	}
	ctgy := tableType("CTGY", "Category", "Custom Form", ctgys)
	for _, f := range [][2]string{{"ID", "ID"}, {"name", "Name"}, {"catObjCode", "Object Type"}, {"description", "Description"}} {
		plain(ctgy, ctgys, f[0], f[1], kString, nil)
	}
	ctgyParams := childrenOf(params, "categoryID", indexOf(ctgys), len(ctgys))
	ctgy.col("parameters", "Custom Fields", "PARAM", at(ctgyParams))
	w.add(ctgy)

	param := tableType("PARAM", "Parameter", "Custom Field", params)
	for _, f := range [][2]string{{"ID", "ID"}, {"name", "Name"}, {"label", "Label"}, {"dataType", "Data Type"}, {"displayType", "Display Type"}, {"description", "Description"}, {"categoryID", "Custom Form ID"}} {
		plain(param, params, f[0], f[1], kString, nil)
	}
	param.ref("category", "Custom Form", "CTGY", "categoryID")
	w.add(param)
}
