package wfsim

// Saved filters (UIFT, API name UIFilter): the filters people save in
// Workfront's lists and reports, readable like any type
// (/uifilter/search?uiObjCode=PROJ). The real shape of definition is not
// in the samples wfconnect has (WORKFRONT.md: unknown); the simulator
// sends the text-mode lines as one string, and the client also reads an
// object of key to value (or values).
//
//	Current or on hold       PROJ   an OR group
//	Projects without tasks   PROJ   an EXISTS filter
//	Urgent projects          PROJ   a plain filter, owned, not shared
//	Open tasks               TASK   status in NEW, INP
//	New issues               OPTASK

func uiFilterRows(owner string) []rec {
	def := []struct{ name, obj, definition string }{
		{"Current or on hold", "PROJ", "status=CUR\nstatus_Mod=eq\nOR:1:status=ONH\nOR:1:status_Mod=eq"},
		{"Projects without tasks", "PROJ", "EXISTS:a:$$EXISTSMOD=NOTEXISTS\nEXISTS:a:$$OBJCODE=TASK\nEXISTS:a:projectID=FIELD:ID"},
		{"Urgent projects", "PROJ", "priority=4\npriority_Mod=eq"},
		{"Open tasks", "TASK", "status=NEW\nstatus=INP\nstatus_Mod=in"},
		{"New issues", "OPTASK", "status=NEW\nstatus_Mod=eq"},
	}
	rows := make([]rec, len(def))
	for i, d := range def {
		rows[i] = rec{"ID": genID(0x1f000000, i), "name": d.name, "uiObjCode": d.obj, "filterType": "TEXT",
			"definition": d.definition, "isPublic": i != 2, "ownerID": owner}
	}
	return rows
}

func addUIFilters(w *world, owner string) {
	rows := uiFilterRows(owner)
	t := tableType("UIFT", "UIFilter", "Filter", rows)
	plains(t, rows, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"uiObjCode", "UI Obj Code", kString, nil},
		{"filterType", "Filter Type", kString, nil}, {"definition", "Definition", kString, nil}, {"isPublic", "Is Public", kBool, nil},
		{"ownerID", "Owner ID", kString, nil}})
	t.ref("owner", "Owner", "USER", "ownerID")
	w.add(t)
}

// namedQueries are the named queries a type's metadata lists, and the
// actions (with their arguments) it lists; their real shapes are not in
// the samples (WORKFRONT.md), so these follow the metadata's other maps.
var namedQueries = map[string][]string{"TASK": {"myWork"}, "OPTASK": {"myWork"}}

func queriesMetadata(code string) map[string]any {
	out := map[string]any{}
	for _, q := range namedQueries[code] {
		out[q] = map[string]any{"label": "My Work", "arguments": []any{}}
	}
	return out
}

var typeActions = map[string]map[string]any{
	"PROJ": {
		"calculateTimeline": map[string]any{"label": "Calculate Timeline", "arguments": []any{}},
		"attachTemplate": map[string]any{"label": "Attach Template", "arguments": []any{
			map[string]any{"name": "templateID", "type": "string", "required": true},
			map[string]any{"name": "predecessorTaskID", "type": "string", "required": false}}},
	},
	"TASK": {
		"assignMultiple": map[string]any{"label": "Assign Multiple", "arguments": []any{
			map[string]any{"name": "userIDs", "type": "string[]", "required": true},
			map[string]any{"name": "roleIDs", "type": "string[]", "required": false}}},
		"move": map[string]any{"label": "Move", "arguments": []any{map[string]any{"name": "projectID", "type": "string", "required": true}}},
	},
}

func actionsMetadata(code string) map[string]any {
	if a := typeActions[code]; a != nil {
		return a
	}
	return map[string]any{}
}
