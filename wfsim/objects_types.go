package wfsim

// The object types over the generated rows: their fields, references and
// collections, as the generic search/count/get/metadata path serves them.

// links are the parent → children indexes that collections read.
type links struct {
	projIdx                                          map[string]int32
	projTasks, projIssues, projDocs, projHours       [][]int32
	taskHours, prgmsOfPort, projsOfPort, projsOfPrgm [][]int32
}

// childrenOf indexes rows by the parent ID in key: out[parent] = its rows.
func childrenOf(rows []rec, key string, idx map[string]int32, n int) [][]int32 {
	out := make([][]int32, n)
	for j, r := range rows {
		if id, ok := r[key].(string); ok {
			if p, ok := idx[id]; ok {
				out[p] = append(out[p], int32(j))
			}
		}
	}
	return out
}

func indexOf(rows []rec) map[string]int32 {
	m := make(map[string]int32, len(rows))
	for i, r := range rows {
		m[r["ID"].(string)] = int32(i)
	}
	return m
}

func at(x [][]int32) func(int) []int32 { return func(i int) []int32 { return x[i] } }

func linkRows(d *dataset, r *rows) *links {
	np := len(d.projects)
	l := &links{projIdx: make(map[string]int32, np)}
	for i := range d.projects {
		l.projIdx[d.projects[i].ID] = int32(i)
	}
	l.projTasks = childrenOf(r.tasks, "projectID", l.projIdx, np)
	l.projIssues = childrenOf(r.issues, "projectID", l.projIdx, np)
	l.projDocs = childrenOf(r.docs, "projectID", l.projIdx, np)
	l.projHours = childrenOf(r.hours, "projectID", l.projIdx, np)
	l.taskHours = childrenOf(r.hours, "taskID", indexOf(r.tasks), len(r.tasks))
	l.prgmsOfPort = childrenOf(r.prgms, "portfolioID", indexOf(r.ports), len(r.ports))
	l.projsOfPort = make([][]int32, len(r.ports))
	l.projsOfPrgm = make([][]int32, len(r.prgms))
	for i := range d.projects {
		l.projsOfPort[projectPortfolio(i)] = append(l.projsOfPort[projectPortfolio(i)], int32(i))
		if hasProgram(i) {
			l.projsOfPrgm[projectProgram(i)] = append(l.projsOfPrgm[projectProgram(i)], int32(i))
		}
	}
	return l
}

// plainField is a field of a generated table, for the lists below.
type plainField struct {
	n, l string
	k    fieldKind
	e    *enumDef
}

func plains(t *objType, rows []rec, fs []plainField) {
	for _, f := range fs {
		plain(t, rows, f.n, f.l, f.k, f.e)
	}
}

func userType(users []rec) *objType {
	user := tableType("USER", "User", "User", users)
	user.paths = []string{"user"}
	plains(user, users, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"firstName", "First Name", kString, nil},
		{"lastName", "Last Name", kString, nil}, {"emailAddr", "Email Address", kString, nil}, {"title", "Job Title", kString, nil},
		{"isActive", "Is Active", kBool, nil}, {"entryDate", "Entry Date", kDate, nil}})
	return user
}

// projectType reads the typed projects (data.go).
func projectType(d *dataset, r *rows, l *links) *objType {
	P := func(i int) *project { return &d.projects[i] }
	proj := &objType{code: "PROJ", name: "Project", label: "Project", n: len(d.projects)}
	for _, f := range []*fieldDef{
		{name: "ID", label: "ID", kind: kString, get: func(i int) any { return P(i).ID }},
		{name: "name", label: "Name", kind: kString, get: func(i int) any { return P(i).Name }},
		{name: "description", label: "Description", kind: kString, get: func(i int) any { return P(i).Description }},
		{name: "status", label: "Status", kind: kString, enum: projectStatusEnum, get: func(i int) any { return P(i).Status }},
		{name: "condition", label: "Condition", kind: kString, enum: conditionEnum, get: func(i int) any { return P(i).Condition }},
		{name: "priority", label: "Priority", kind: kInt, enum: priorityEnum, get: func(i int) any { return P(i).Priority }},
		{name: "percentComplete", label: "Percent Complete", kind: kDouble, get: func(i int) any { return P(i).Percent }},
		{name: "plannedStartDate", label: "Planned Start Date", kind: kDate, get: func(i int) any { return P(i).PlannedStart }},
		{name: "plannedCompletionDate", label: "Planned Completion Date", kind: kDate, get: func(i int) any { return P(i).PlannedEnd }},
		{name: "entryDate", label: "Entry Date", kind: kDate, get: func(i int) any { return P(i).Entry }},
		{name: "lastUpdateDate", label: "Last Update Date", kind: kDate, get: func(i int) any { return P(i).LastUpdate }},
		{name: "ownerID", label: "Owner ID", kind: kString, get: func(i int) any { return P(i).OwnerID }},
		{name: "portfolioID", label: "Portfolio ID", kind: kString, get: func(i int) any { return r.ports[projectPortfolio(i)]["ID"] }},
		{name: "programID", label: "Program ID", kind: kString, get: func(i int) any {
			if !hasProgram(i) {
				return nil
			}
			return r.prgms[projectProgram(i)]["ID"]
		}},
		{name: "referenceNumber", label: "Reference Number", kind: kInt, get: func(i int) any { return 1001 + i }}, // since v22.0 (versions.go)
		{name: "DE:Budget Code", label: "Budget Code", kind: kString, custom: true, get: projectBudgetCode, onForm: projectHasForm},
		{name: "DE:Budget", label: "Budget", kind: kDouble, custom: true, get: projectBudget, onForm: projectHasForm},
	} {
		proj.field(f)
	}
	proj.ref("owner", "Owner", "USER", "ownerID")
	proj.ref("portfolio", "Portfolio", "PORT", "portfolioID")
	proj.ref("program", "Program", "PRGM", "programID")
	proj.col("tasks", "Tasks", "TASK", at(l.projTasks))
	proj.col("issues", "Issues", "OPTASK", at(l.projIssues))
	proj.col("documents", "Documents", "DOCU", at(l.projDocs))
	proj.col("hours", "Hours", "HOUR", at(l.projHours))
	proj.byID = l.projIdx
	return proj
}

func taskType(tasks []rec, l *links) *objType {
	task := tableType("TASK", "Task", "Task", tasks)
	plains(task, tasks, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"projectID", "Project ID", kString, nil},
		{"assignedToID", "Assigned To ID", kString, nil}, {"status", "Status", kString, workStatusEnum},
		{"plannedCompletionDate", "Planned Completion Date", kDate, nil}, {"percentComplete", "Percent Complete", kDouble, nil},
		{"workRequired", "Planned Hours", kInt, nil}})
	task.field(&fieldDef{name: "DE:Risk", label: "Risk", kind: kString, enum: riskEnum, custom: true, get: func(i int) any { return tasks[i]["DE:Risk"] }})
	task.ref("project", "Project", "PROJ", "projectID")
	task.ref("assignedTo", "Assigned To", "USER", "assignedToID")
	task.col("hours", "Hours", "HOUR", at(l.taskHours))
	return task
}

func issueType(issues []rec) *objType {
	issue := tableType("OPTASK", "Issue", "Issue", issues)
	plains(issue, issues, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"projectID", "Project ID", kString, nil},
		{"status", "Status", kString, workStatusEnum}, {"priority", "Priority", kInt, priorityEnum}, {"enteredByID", "Entered By ID", kString, nil},
		{"entryDate", "Entry Date", kDate, nil}, {"ownerID", "Owner ID", kString, nil}})
	issue.ref("project", "Project", "PROJ", "projectID")
	issue.ref("enteredBy", "Entered By", "USER", "enteredByID")
	issue.ref("owner", "Owner", "USER", "ownerID")
	return issue
}

func portfolioType(ports []rec, l *links) *objType {
	port := tableType("PORT", "Portfolio", "Portfolio", ports)
	plains(port, ports, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"description", "Description", kString, nil},
		{"ownerID", "Owner ID", kString, nil}, {"isActive", "Is Active", kBool, nil}})
	port.ref("owner", "Owner", "USER", "ownerID")
	port.col("programs", "Programs", "PRGM", at(l.prgmsOfPort))
	port.col("projects", "Projects", "PROJ", at(l.projsOfPort))
	return port
}

func programType(prgms []rec, l *links) *objType {
	prgm := tableType("PRGM", "Program", "Program", prgms)
	plains(prgm, prgms, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"description", "Description", kString, nil},
		{"portfolioID", "Portfolio ID", kString, nil}, {"ownerID", "Owner ID", kString, nil}, {"isActive", "Is Active", kBool, nil}})
	prgm.ref("portfolio", "Portfolio", "PORT", "portfolioID")
	prgm.ref("owner", "Owner", "USER", "ownerID")
	prgm.col("projects", "Projects", "PROJ", at(l.projsOfPrgm))
	return prgm
}

func hourType(hours []rec) *objType {
	hour := tableType("HOUR", "Hour", "Hour", hours)
	plains(hour, hours, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"hours", "Hours", kDouble, nil},
		{"entryDate", "Entry Date", kDate, nil}, {"taskID", "Task ID", kString, nil}, {"projectID", "Project ID", kString, nil},
		{"ownerID", "Owner ID", kString, nil}})
	hour.ref("task", "Task", "TASK", "taskID")
	hour.ref("project", "Project", "PROJ", "projectID")
	hour.ref("owner", "Owner", "USER", "ownerID")
	return hour
}

func documentType(docs []rec) *objType {
	docu := tableType("DOCU", "Document", "Document", docs)
	plains(docu, docs, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"description", "Description", kString, nil},
		{"projectID", "Project ID", kString, nil}, {"ownerID", "Owner ID", kString, nil}, {"entryDate", "Entry Date", kDate, nil}})
	docu.ref("project", "Project", "PROJ", "projectID")
	docu.ref("owner", "Owner", "USER", "ownerID")
	return docu
}

func templateType(tmpls []rec) *objType {
	tmpl := tableType("TMPL", "Template", "Template", tmpls)
	plains(tmpl, tmpls, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"description", "Description", kString, nil},
		{"isActive", "Is Active", kBool, nil}})
	return tmpl
}

// addEmptyTypes adds the types this instance has none of: valid metadata,
// empty lists.
func addEmptyTypes(w *world) {
	for _, e := range []struct{ code, name, label string }{
		{"NOTE", "Note", "Note"}, {"ASSGN", "Assignment", "Assignment"}, {"TEAMOB", "Team", "Team"},
		{"GROUP", "Group", "Group"}, {"CMPY", "Company", "Company"}, {"ROLE", "Role", "Job Role"},
	} {
		t := tableType(e.code, e.name, e.label, nil)
		plains(t, nil, []plainField{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"description", "Description", kString, nil}})
		w.add(t)
	}
}

func buildWorld(d *dataset) *world {
	w := &world{d: d, byCode: map[string]*objType{}, byPath: map[string]*objType{}}
	r := generate(d)
	l := linkRows(d, r)
	for _, t := range []*objType{userType(r.users), projectType(d, r, l), taskType(r.tasks, l), issueType(r.issues),
		portfolioType(r.ports, l), programType(r.prgms, l), hourType(r.hours), documentType(r.docs), templateType(r.tmpls)} {
		w.add(t)
	}
	addCustomForms(w)
	addUIFilters(w, d.owners[len(d.owners)-1].id)
	addEmptyTypes(w)
	for _, t := range w.types {
		prepareWrites(t, d.owners[len(d.owners)-1].id) // edit.go
		if t.byID == nil {
			t.byID = make(map[string]int32, t.n)
			for i := range t.n {
				t.byID[t.id(i)] = int32(i)
			}
		}
	}
	return w
}
