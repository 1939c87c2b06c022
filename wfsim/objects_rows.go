package wfsim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The generated rows of every table but projects (data.go). Each table has
// its own seeded generator, so that adding a table changes no other; every
// table is in ID order.

var (
	taskVerbs  = []string{"Kickoff", "Requirements", "Design", "Build", "Test", "Review", "Launch", "Retrospective"}
	issueKinds = []string{"Broken link on", "Budget question about", "Missing asset for", "Delay in", "Approval needed for", "Typo in"}
	docNames   = []string{"Brief", "Budget", "Timeline", "Contract", "Design Mockups", "Status Report", "Meeting Notes"}
	docExts    = []string{".pdf", ".docx", ".xlsx", ".pptx", ".png"}
	titles     = []string{"Project Manager", "Designer", "Engineer", "Analyst", "Copywriter", "Marketing Lead", "Director", "Coordinator"}
	portNames  = []string{"Growth", "Operations", "Customer Experience", "Brand", "Technology", "People", "Compliance", "Innovation"}
)

// rows is the instance's generated tables.
type rows struct {
	users, ports, prgms, tmpls, tasks, issues, hours, docs []rec
}

func generate(d *dataset) *rows {
	r := &rows{users: genUsers(d), ports: genPorts(d), tmpls: genTemplates(), tasks: genTasks(d), issues: genIssues(d), docs: genDocs(d)}
	r.prgms = genPrograms(d, r.ports)
	r.hours = genHours(d, r.tasks)
	return r
}

// genUsers: the projects' owners; the first is the signed-in person.
func genUsers(d *dataset) []rec {
	base := time.Date(2024, 1, 8, 9, 0, 0, 0, time.UTC)
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
	return users
}

func genPorts(d *dataset) []rec {
	ports := make([]rec, 8)
	for i := range ports {
		ports[i] = rec{"ID": genID(0x3c000000, i), "name": portNames[i] + " Portfolio", "description": "Sample portfolio.",
			"ownerID": d.owners[(i*5)%len(d.owners)].id, "isActive": i != 7}
	}
	return ports
}

func genPrograms(d *dataset, ports []rec) []rec {
	prgms := make([]rec, 20)
	for i := range prgms {
		prgms[i] = rec{"ID": genID(0x3d000000, i), "name": fmt.Sprintf("%s Program %d", portNames[i%8], i/8+1), "description": "Sample program.",
			"portfolioID": ports[i%8]["ID"], "ownerID": d.owners[(i*3+1)%len(d.owners)].id, "isActive": i%9 != 8}
	}
	return prgms
}

func genTemplates() []rec {
	tmpls := make([]rec, 10)
	for i := range tmpls {
		tmpls[i] = rec{"ID": genID(0x2f000000, i), "name": fmt.Sprintf("%s Template", nameTopics[i]), "description": "Sample template.", "isActive": true}
	}
	return tmpls
}

// genTasks: three for each of the first 1,000 projects.
func genTasks(d *dataset) []rec {
	rng := rand.New(rand.NewPCG(42, 2027))
	tasks := make([]rec, 3*min(len(d.projects), 1000))
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
	return tasks
}

func genIssues(d *dataset) []rec {
	np := len(d.projects)
	rng := rand.New(rand.NewPCG(42, 2028))
	issues := make([]rec, 500)
	for k := range issues {
		pi := (k * 97) % np
		issues[k] = rec{"ID": genID(0x6b000000, k), "name": fmt.Sprintf("%s %s", issueKinds[rng.IntN(len(issueKinds))], strings.TrimSpace(strings.SplitN(d.projects[pi].Name, "#", 2)[0])),
			"projectID": d.projects[pi].ID, "status": []string{"NEW", "INP", "CPL"}[rng.IntN(3)], "priority": rng.IntN(5),
			"enteredByID": d.owners[rng.IntN(len(d.owners))].id, "entryDate": d.projects[pi].PlannedStart.Add(time.Duration(rng.IntN(2000)) * time.Hour),
			// The owner comes from the index, not the generator, so the rest of the data stays as it was.
			"ownerID": d.owners[(k*7+3)%len(d.owners)].id}
	}
	return issues
}

func genHours(d *dataset, tasks []rec) []rec {
	rng := rand.New(rand.NewPCG(42, 2029))
	hours := make([]rec, 0, 2000)
	if len(tasks) == 0 {
		return hours
	}
	for h := range 2000 {
		tj := rng.IntN(len(tasks))
		owner := tasks[tj]["assignedToID"]
		if owner == nil {
			owner = d.owners[rng.IntN(len(d.owners))].id
		}
		amount := float64(1+rng.IntN(16)) / 2
		hours = append(hours, rec{"ID": genID(0x4e000000, h), "name": fmt.Sprintf("%.1f h on %s", amount, tasks[tj]["name"]),
			"hours": amount, "entryDate": d.projects[tj/3].PlannedStart.Add(time.Duration(rng.IntN(90*24)) * time.Hour).Truncate(time.Hour),
			"taskID": tasks[tj]["ID"], "projectID": tasks[tj]["projectID"], "ownerID": owner})
	}
	return hours
}

func genDocs(d *dataset) []rec {
	np := len(d.projects)
	rng := rand.New(rand.NewPCG(42, 2030))
	docs := make([]rec, 300)
	for k := range docs {
		pi := (k * 163) % np
		name := docNames[rng.IntN(len(docNames))]
		docs[k] = rec{"ID": genID(0x4d000000, k), "name": fmt.Sprintf("%s %d%s", name, k+1, docExts[rng.IntN(len(docExts))]),
			"description": name + " for " + d.projects[pi].Name, "projectID": d.projects[pi].ID,
			"ownerID": d.owners[rng.IntN(len(d.owners))].id, "entryDate": d.projects[pi].PlannedStart.Add(time.Duration(rng.IntN(500)) * time.Hour)}
	}
	return docs
}

// Project custom data: every tenth project has no custom form.
func projectHasForm(i int) bool { return i%10 != 9 }

func projectBudgetCode(i int) any {
	if !projectHasForm(i) {
		return nil
	}
	return fmt.Sprintf("BC-%03d", i%1000+1)
}

func projectBudget(i int) any {
	if !projectHasForm(i) {
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
