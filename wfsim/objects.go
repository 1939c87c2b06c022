package wfsim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// The simulated instance beyond projects: users, tasks, issues, portfolios,
// programs, hours, documents, templates, custom forms and custom fields, all
// generated from fixed seeds, and the object types (with their fields,
// references and collections) that the generic search/count/get/metadata
// path serves. Projects keep their typed representation (data.go) and their
// fast search path (api.go); their objType reads that representation.

type fieldKind int

const (
	kString fieldKind = iota
	kInt
	kDouble
	kDate
	kBool
)

var kindNames = map[fieldKind]string{kString: "string", kInt: "int", kDouble: "double", kDate: "dateTime", kBool: "boolean"}

// enumValue is one of an enum field's possible values; value is a string or an int.
type enumValue struct {
	value any
	label string
}

type enumDef struct {
	typ    string
	values []enumValue
}

type fieldDef struct {
	name, label string
	kind        fieldKind
	enum        *enumDef
	custom      bool            // a custom field ("DE:…")
	get         func(i int) any // nil, string, int, float64, time.Time or bool
}

type refDef struct {
	name, label, objCode, idField string
}

type colDef struct {
	name, label, objCode string
	rows                 func(i int) []int32 // rows of the target type
}

// objType is one object type of the simulated instance.
type objType struct {
	code, name, label string
	paths             []string // lower-case names usable in the API path
	n                 int
	fields            []*fieldDef // plain fields, then custom ones
	byName            map[string]*fieldDef
	refs              []*refDef
	refByName         map[string]*refDef
	cols              []*colDef
	colByName         map[string]*colDef
	byID              map[string]int32
	w                 *world
	mu                sync.Mutex
	sorted            map[string][]int32 // sort spec -> row order
}

func (t *objType) id(i int) string { return t.byName["ID"].get(i).(string) }

func (t *objType) field(f *fieldDef) {
	if t.byName == nil {
		t.byName = map[string]*fieldDef{}
	}
	t.fields = append(t.fields, f)
	t.byName[f.name] = f
}

func (t *objType) ref(name, label, objCode, idField string) {
	if t.refByName == nil {
		t.refByName = map[string]*refDef{}
	}
	r := &refDef{name, label, objCode, idField}
	t.refs = append(t.refs, r)
	t.refByName[name] = r
}

func (t *objType) col(name, label, objCode string, rows func(i int) []int32) {
	if t.colByName == nil {
		t.colByName = map[string]*colDef{}
	}
	c := &colDef{name, label, objCode, rows}
	t.cols = append(t.cols, c)
	t.colByName[name] = c
}

func (t *objType) customFields() []*fieldDef {
	var out []*fieldDef
	for _, f := range t.fields {
		if f.custom {
			out = append(out, f)
		}
	}
	return out
}

// world is the whole simulated instance.
type world struct {
	d      *dataset // the projects it was built from
	types  []*objType
	byCode map[string]*objType
	byPath map[string]*objType // lower-case objCode or API name
}

func (w *world) add(t *objType) {
	t.w = w
	w.types = append(w.types, t)
	w.byCode[t.code] = t
	w.byPath[strings.ToLower(t.code)] = t
	w.byPath[strings.ToLower(t.name)] = t
	for _, p := range t.paths {
		w.byPath[p] = t
	}
}

// rec is one row of a small generated table.
type rec map[string]any

// table is a generated object type's rows in ID order.
func tableType(code, name, label string, rows []rec) *objType {
	return &objType{code: code, name: name, label: label, n: len(rows)}
}

func plain(t *objType, rows []rec, name, label string, kind fieldKind, enum *enumDef) {
	t.field(&fieldDef{name: name, label: label, kind: kind, enum: enum, get: func(i int) any { return rows[i][name] }})
}

func genID(base, i int) string { return fmt.Sprintf("%08x%024x", base+i, uint64(i)*2654435761) }

var (
	projectStatusEnum = &enumDef{"com.attask.common.constants.ProjectStatusEnum", []enumValue{
		{"CUR", "Current"}, {"PLN", "Planning"}, {"CPL", "Complete"}, {"DED", "Dead"}, {"ONH", "On Hold"},
		{"REQ", "Requested"}, {"APR", "Approved"}, {"REJ", "Rejected"}, {"IDA", "Idea"}}}
	conditionEnum  = &enumDef{"com.attask.common.constants.ConditionEnum", []enumValue{{"ON", "On Target"}, {"AR", "At Risk"}, {"IT", "In Trouble"}}}
	workStatusEnum = &enumDef{"com.attask.common.constants.TaskStatusEnum", []enumValue{{"NEW", "New"}, {"INP", "In Progress"}, {"CPL", "Complete"}}}
	priorityEnum   = &enumDef{"com.attask.common.constants.PriorityEnum", []enumValue{{0, "None"}, {1, "Low"}, {2, "Normal"}, {3, "High"}, {4, "Urgent"}}}
	riskEnum       = &enumDef{"DE:Risk", []enumValue{{"Low", "Low"}, {"Medium", "Medium"}, {"High", "High"}}}
)

var (
	taskVerbs  = []string{"Kickoff", "Requirements", "Design", "Build", "Test", "Review", "Launch", "Retrospective"}
	issueKinds = []string{"Broken link on", "Budget question about", "Missing asset for", "Delay in", "Approval needed for", "Typo in"}
	docNames   = []string{"Brief", "Budget", "Timeline", "Contract", "Design Mockups", "Status Report", "Meeting Notes"}
	docExts    = []string{".pdf", ".docx", ".xlsx", ".pptx", ".png"}
	titles     = []string{"Project Manager", "Designer", "Engineer", "Analyst", "Copywriter", "Marketing Lead", "Director", "Coordinator"}
	portNames  = []string{"Growth", "Operations", "Customer Experience", "Brand", "Technology", "People", "Compliance", "Innovation"}
)

// Project custom data: every tenth project has no custom form.
func projectBudgetCode(i int) any {
	if i%10 == 9 {
		return nil
	}
	return fmt.Sprintf("BC-%03d", i%1000+1)
}

func projectBudget(i int) any {
	if i%10 == 9 {
		return nil
	}
	return float64(5000 + (i*7919)%195001)
}

// A project's program: every fourth project belongs to none; its portfolio
// is its program's, or one chosen by index.
func projectProgram(i int) int { return i % 20 }

func hasProgram(i int) bool { return i%4 != 0 }

func projectPortfolio(i int) int {
	if hasProgram(i) {
		return projectProgram(i) % 8
	}
	return (i / 4) % 8
}

func (s *Sim) world() *world {
	d := s.dataset()
	s.worldMu.Lock()
	defer s.worldMu.Unlock()
	if s.wrld == nil || s.wrld.d != d {
		s.wrld = buildWorld(d)
	}
	return s.wrld
}

func buildWorld(d *dataset) *world {
	w := &world{d: d, byCode: map[string]*objType{}, byPath: map[string]*objType{}}
	np := len(d.projects)
	base := time.Date(2024, 1, 8, 9, 0, 0, 0, time.UTC)

	// Users: the projects' owners; the first is the signed-in person.
	users := make([]rec, len(d.owners))
	for i, o := range d.owners {
		first, last, _ := strings.Cut(o.name, " ")
		email := strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(first) + "." + strings.NewReplacer(" ", "", "-", "").Replace(last) + fmt.Sprintf("%d@simcorp.example", i))
		if i == 0 {
			email = simUserEmail
		}
		users[i] = rec{"ID": o.id, "name": o.name, "firstName": first, "lastName": last, "emailAddr": email,
			"title": titles[i%len(titles)], "isActive": i%13 != 12, "entryDate": base.Add(-time.Duration(400+i*9) * 24 * time.Hour)}
	}

	ports := make([]rec, 8)
	for i := range ports {
		ports[i] = rec{"ID": genID(0x3c000000, i), "name": portNames[i] + " Portfolio", "description": "Sample portfolio.",
			"ownerID": d.owners[(i*5)%len(d.owners)].id, "isActive": i != 7}
	}
	prgms := make([]rec, 20)
	for i := range prgms {
		prgms[i] = rec{"ID": genID(0x3d000000, i), "name": fmt.Sprintf("%s Program %d", portNames[i%8], i/8+1), "description": "Sample program.",
			"portfolioID": ports[i%8]["ID"], "ownerID": d.owners[(i*3+1)%len(d.owners)].id, "isActive": i%9 != 8}
	}
	tmpls := make([]rec, 10)
	for i := range tmpls {
		tmpls[i] = rec{"ID": genID(0x2f000000, i), "name": fmt.Sprintf("%s Template", nameTopics[i]), "description": "Sample template.", "isActive": true}
	}

	// Tasks: three for each of the first 1,000 projects.
	rng := rand.New(rand.NewPCG(42, 2027))
	nt := 3 * min(np, 1000)
	tasks := make([]rec, nt)
	for j := range tasks {
		p := &d.projects[j/3]
		status := []string{"NEW", "INP", "CPL"}[rng.IntN(3)]
		pct := 0.0
		switch status {
		case "CPL":
			pct = 100
		case "INP":
			pct = float64(5 + rng.IntN(91))
		}
		var assignee any
		if j%7 != 6 {
			assignee = d.owners[rng.IntN(len(d.owners))].id
		}
		span := p.PlannedEnd.Sub(p.PlannedStart) / 3
		tasks[j] = rec{"ID": genID(0x7a000000, j), "name": fmt.Sprintf("%s #%d", taskVerbs[rng.IntN(len(taskVerbs))], j+1),
			"projectID": p.ID, "assignedToID": assignee, "status": status, "percentComplete": pct,
			"plannedCompletionDate": p.PlannedStart.Add(span * time.Duration(j%3+1)).Truncate(time.Hour),
			"workRequired":          60 * (1 + rng.IntN(40)), "DE:Risk": []string{"Low", "Medium", "High"}[(j*7+j/3)%3]}
	}

	rng = rand.New(rand.NewPCG(42, 2028))
	issues := make([]rec, 500)
	for k := range issues {
		pi := (k * 97) % np
		issues[k] = rec{"ID": genID(0x6b000000, k), "name": fmt.Sprintf("%s %s", issueKinds[rng.IntN(len(issueKinds))], strings.TrimSpace(strings.SplitN(d.projects[pi].Name, "#", 2)[0])),
			"projectID": d.projects[pi].ID, "status": []string{"NEW", "INP", "CPL"}[rng.IntN(3)], "priority": rng.IntN(5),
			"enteredByID": d.owners[rng.IntN(len(d.owners))].id, "entryDate": d.projects[pi].PlannedStart.Add(time.Duration(rng.IntN(2000)) * time.Hour),
			// The owner comes from the index, not the generator, so the rest of the data stays as it was.
			"ownerID": d.owners[(k*7+3)%len(d.owners)].id}
	}

	rng = rand.New(rand.NewPCG(42, 2029))
	hours := make([]rec, 0, 2000)
	if nt > 0 {
		for h := range 2000 {
			tj := rng.IntN(nt)
			owner := tasks[tj]["assignedToID"]
			if owner == nil {
				owner = d.owners[rng.IntN(len(d.owners))].id
			}
			amount := float64(1+rng.IntN(16)) / 2
			hours = append(hours, rec{"ID": genID(0x4e000000, h), "name": fmt.Sprintf("%.1f h on %s", amount, tasks[tj]["name"]),
				"hours": amount, "entryDate": d.projects[tj/3].PlannedStart.Add(time.Duration(rng.IntN(90*24)) * time.Hour).Truncate(time.Hour),
				"taskID": tasks[tj]["ID"], "projectID": tasks[tj]["projectID"], "ownerID": owner})
		}
	}

	rng = rand.New(rand.NewPCG(42, 2030))
	docs := make([]rec, 300)
	for k := range docs {
		pi := (k * 163) % np
		name := docNames[rng.IntN(len(docNames))]
		docs[k] = rec{"ID": genID(0x4d000000, k), "name": fmt.Sprintf("%s %d%s", name, k+1, docExts[rng.IntN(len(docExts))]),
			"description": name + " for " + d.projects[pi].Name, "projectID": d.projects[pi].ID,
			"ownerID": d.owners[rng.IntN(len(d.owners))].id, "entryDate": d.projects[pi].PlannedStart.Add(time.Duration(rng.IntN(500)) * time.Hour)}
	}

	ctgys := []rec{
		{"ID": genID(0x1c000000, 0), "name": "Project Details", "catObjCode": "PROJ", "description": "Budget data of a project."},
		{"ID": genID(0x1c000000, 1), "name": "Task Extras", "catObjCode": "TASK", "description": "Risk of a task."},
	}
	params := []rec{
		{"ID": genID(0x1d000000, 0), "name": "Budget Code", "label": "Budget Code", "dataType": "TEXT", "displayType": "TEXT", "description": "Cost centre, e.g. BC-001.", "categoryID": ctgys[0]["ID"]},
		{"ID": genID(0x1d000000, 1), "name": "Budget", "label": "Budget", "dataType": "NMBR", "displayType": "TEXT", "description": "Approved budget.", "categoryID": ctgys[0]["ID"]},
		{"ID": genID(0x1d000000, 2), "name": "Risk", "label": "Risk", "dataType": "TEXT", "displayType": "DDOWN", "description": "Low, Medium or High.", "categoryID": ctgys[1]["ID"]},
	}

	// Parent → children indexes.
	projIdx := make(map[string]int32, np)
	for i := range d.projects {
		projIdx[d.projects[i].ID] = int32(i)
	}
	childrenOf := func(rows []rec, key string, idx map[string]int32, n int) [][]int32 {
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
	indexOf := func(rows []rec) map[string]int32 {
		m := make(map[string]int32, len(rows))
		for i, r := range rows {
			m[r["ID"].(string)] = int32(i)
		}
		return m
	}
	taskIdx, portIdx := indexOf(tasks), indexOf(ports)
	projTasks := childrenOf(tasks, "projectID", projIdx, np)
	projIssues := childrenOf(issues, "projectID", projIdx, np)
	projDocs := childrenOf(docs, "projectID", projIdx, np)
	projHours := childrenOf(hours, "projectID", projIdx, np)
	taskHours := childrenOf(hours, "taskID", taskIdx, nt)
	prgmsOfPort := childrenOf(prgms, "portfolioID", portIdx, len(ports))
	projsOfPort := make([][]int32, len(ports))
	projsOfPrgm := make([][]int32, len(prgms))
	for i := range d.projects {
		projsOfPort[projectPortfolio(i)] = append(projsOfPort[projectPortfolio(i)], int32(i))
		if hasProgram(i) {
			projsOfPrgm[projectProgram(i)] = append(projsOfPrgm[projectProgram(i)], int32(i))
		}
	}
	at := func(x [][]int32) func(int) []int32 { return func(i int) []int32 { return x[i] } }

	// USER
	user := tableType("USER", "User", "User", users)
	user.paths = []string{"user"}
	for _, f := range []struct {
		n, l string
		k    fieldKind
	}{{"ID", "ID", kString}, {"name", "Name", kString}, {"firstName", "First Name", kString}, {"lastName", "Last Name", kString},
		{"emailAddr", "Email Address", kString}, {"title", "Job Title", kString}, {"isActive", "Is Active", kBool}, {"entryDate", "Entry Date", kDate}} {
		plain(user, users, f.n, f.l, f.k, nil)
	}
	w.add(user)

	// PROJ: the typed projects.
	P := func(i int) *project { return &d.projects[i] }
	proj := &objType{code: "PROJ", name: "Project", label: "Project", n: np}
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
		{name: "portfolioID", label: "Portfolio ID", kind: kString, get: func(i int) any { return ports[projectPortfolio(i)]["ID"] }},
		{name: "programID", label: "Program ID", kind: kString, get: func(i int) any {
			if !hasProgram(i) {
				return nil
			}
			return prgms[projectProgram(i)]["ID"]
		}},
		{name: "DE:Budget Code", label: "Budget Code", kind: kString, custom: true, get: projectBudgetCode},
		{name: "DE:Budget", label: "Budget", kind: kDouble, custom: true, get: projectBudget},
	} {
		proj.field(f)
	}
	proj.ref("owner", "Owner", "USER", "ownerID")
	proj.ref("portfolio", "Portfolio", "PORT", "portfolioID")
	proj.ref("program", "Program", "PRGM", "programID")
	proj.col("tasks", "Tasks", "TASK", at(projTasks))
	proj.col("issues", "Issues", "OPTASK", at(projIssues))
	proj.col("documents", "Documents", "DOCU", at(projDocs))
	proj.col("hours", "Hours", "HOUR", at(projHours))
	proj.byID = projIdx
	w.add(proj)

	task := tableType("TASK", "Task", "Task", tasks)
	for _, f := range []struct {
		n, l string
		k    fieldKind
		e    *enumDef
	}{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"projectID", "Project ID", kString, nil}, {"assignedToID", "Assigned To ID", kString, nil},
		{"status", "Status", kString, workStatusEnum}, {"plannedCompletionDate", "Planned Completion Date", kDate, nil},
		{"percentComplete", "Percent Complete", kDouble, nil}, {"workRequired", "Planned Hours", kInt, nil}} {
		plain(task, tasks, f.n, f.l, f.k, f.e)
	}
	task.field(&fieldDef{name: "DE:Risk", label: "Risk", kind: kString, enum: riskEnum, custom: true, get: func(i int) any { return tasks[i]["DE:Risk"] }})
	task.ref("project", "Project", "PROJ", "projectID")
	task.ref("assignedTo", "Assigned To", "USER", "assignedToID")
	task.col("hours", "Hours", "HOUR", at(taskHours))
	w.add(task)

	issue := tableType("OPTASK", "Issue", "Issue", issues)
	for _, f := range []struct {
		n, l string
		k    fieldKind
		e    *enumDef
	}{{"ID", "ID", kString, nil}, {"name", "Name", kString, nil}, {"projectID", "Project ID", kString, nil}, {"status", "Status", kString, workStatusEnum},
		{"priority", "Priority", kInt, priorityEnum}, {"enteredByID", "Entered By ID", kString, nil}, {"entryDate", "Entry Date", kDate, nil},
		{"ownerID", "Owner ID", kString, nil}} {
		plain(issue, issues, f.n, f.l, f.k, f.e)
	}
	issue.ref("project", "Project", "PROJ", "projectID")
	issue.ref("enteredBy", "Entered By", "USER", "enteredByID")
	issue.ref("owner", "Owner", "USER", "ownerID")
	w.add(issue)

	port := tableType("PORT", "Portfolio", "Portfolio", ports)
	for _, f := range [][2]string{{"ID", "ID"}, {"name", "Name"}, {"description", "Description"}, {"ownerID", "Owner ID"}} {
		plain(port, ports, f[0], f[1], kString, nil)
	}
	plain(port, ports, "isActive", "Is Active", kBool, nil)
	port.ref("owner", "Owner", "USER", "ownerID")
	port.col("programs", "Programs", "PRGM", at(prgmsOfPort))
	port.col("projects", "Projects", "PROJ", at(projsOfPort))
	w.add(port)

	prgm := tableType("PRGM", "Program", "Program", prgms)
	for _, f := range [][2]string{{"ID", "ID"}, {"name", "Name"}, {"description", "Description"}, {"portfolioID", "Portfolio ID"}, {"ownerID", "Owner ID"}} {
		plain(prgm, prgms, f[0], f[1], kString, nil)
	}
	plain(prgm, prgms, "isActive", "Is Active", kBool, nil)
	prgm.ref("portfolio", "Portfolio", "PORT", "portfolioID")
	prgm.ref("owner", "Owner", "USER", "ownerID")
	prgm.col("projects", "Projects", "PROJ", at(projsOfPrgm))
	w.add(prgm)

	hour := tableType("HOUR", "Hour", "Hour", hours)
	for _, f := range []struct {
		n, l string
		k    fieldKind
	}{{"ID", "ID", kString}, {"name", "Name", kString}, {"hours", "Hours", kDouble}, {"entryDate", "Entry Date", kDate},
		{"taskID", "Task ID", kString}, {"projectID", "Project ID", kString}, {"ownerID", "Owner ID", kString}} {
		plain(hour, hours, f.n, f.l, f.k, nil)
	}
	hour.ref("task", "Task", "TASK", "taskID")
	hour.ref("project", "Project", "PROJ", "projectID")
	hour.ref("owner", "Owner", "USER", "ownerID")
	w.add(hour)

	docu := tableType("DOCU", "Document", "Document", docs)
	for _, f := range []struct {
		n, l string
		k    fieldKind
	}{{"ID", "ID", kString}, {"name", "Name", kString}, {"description", "Description", kString}, {"projectID", "Project ID", kString},
		{"ownerID", "Owner ID", kString}, {"entryDate", "Entry Date", kDate}} {
		plain(docu, docs, f.n, f.l, f.k, nil)
	}
	docu.ref("project", "Project", "PROJ", "projectID")
	docu.ref("owner", "Owner", "USER", "ownerID")
	w.add(docu)

	tmpl := tableType("TMPL", "Template", "Template", tmpls)
	for _, f := range [][2]string{{"ID", "ID"}, {"name", "Name"}, {"description", "Description"}} {
		plain(tmpl, tmpls, f[0], f[1], kString, nil)
	}
	plain(tmpl, tmpls, "isActive", "Is Active", kBool, nil)
	w.add(tmpl)

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

	// Types this instance has none of: valid metadata, empty lists.
	for _, e := range []struct{ code, name, label string }{
		{"NOTE", "Note", "Note"}, {"ASSGN", "Assignment", "Assignment"}, {"TEAMOB", "Team", "Team"},
		{"GROUP", "Group", "Group"}, {"CMPY", "Company", "Company"}, {"ROLE", "Role", "Job Role"},
	} {
		t := tableType(e.code, e.name, e.label, nil)
		plain(t, nil, "ID", "ID", kString, nil)
		plain(t, nil, "name", "Name", kString, nil)
		plain(t, nil, "description", "Description", kString, nil)
		w.add(t)
	}
	for _, t := range w.types {
		if t.byID == nil {
			t.byID = make(map[string]int32, t.n)
			for i := range t.n {
				t.byID[t.id(i)] = int32(i)
			}
		}
	}
	return w
}

// Counts returns how many objects of each type the simulated instance
// holds, by objCode ("PROJ", "TASK", "OPTASK", "USER", "PORT", "PRGM",
// "HOUR", "DOCU", "TMPL", "CTGY", "PARAM"; 0 for "NOTE", "ASSGN",
// "TEAMOB", "GROUP", "CMPY", "ROLE"): what an unfiltered count answers.
func (s *Sim) Counts() map[string]int {
	out := map[string]int{}
	for _, t := range s.world().types {
		out[t.code] = t.n
	}
	return out
}

// SignedInUserID is the ID of the person who consents on the simulator's
// page: what GET /session answers as userID, a USER object.
func (s *Sim) SignedInUserID() string {
	id, _ := s.simUser()
	return id
}

// SignedInUserEmail is that person's emailAddr.
func (s *Sim) SignedInUserEmail() string { return simUserEmail }
