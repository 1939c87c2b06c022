package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// fakeObjects is a tiny instance for the explorer's tests: two projects
// with tasks, and users. The generic path itself is tested against wfsim
// over HTTP in workfront and cli; here the view's behaviour is under test.
type fakeObjects struct {
	mu       sync.Mutex
	objects  map[string][]workfront.Object
	searches []workfront.Search
	writes   int   // Update calls, each object of UpdateMany too
	writeErr error // what every write answers, when set
}

func newFakeObjects() *fakeObjects {
	f := &fakeObjects{objects: map[string][]workfront.Object{}}
	f.objects["USER"] = []workfront.Object{
		{"ID": "u1", "name": "Ada Lovelace", "objCode": "USER", "emailAddr": "ada@acme.com"},
	}
	for i := 1; i <= 2; i++ {
		pid := fmt.Sprintf("p%d", i)
		f.objects["PROJ"] = append(f.objects["PROJ"], workfront.Object{"ID": pid, "name": fmt.Sprintf("Apollo %d", i), "objCode": "PROJ",
			"status": "CUR", "DE:Budget Code": fmt.Sprintf("BC-00%d", i), "owner": map[string]any{"ID": "u1", "name": "Ada Lovelace", "objCode": "USER"}})
		for j := 1; j <= 3; j++ {
			f.objects["TASK"] = append(f.objects["TASK"], workfront.Object{"ID": fmt.Sprintf("t%d%d", i, j), "name": fmt.Sprintf("Task %d.%d", i, j),
				"objCode": "TASK", "status": "NEW", "projectID": pid, "percentComplete": float64(10 * j), "workRequired": float64(450 * j),
				"project":    map[string]any{"ID": pid, "name": fmt.Sprintf("Apollo %d", i), "objCode": "PROJ"},
				"assignedTo": map[string]any{"ID": "u1", "name": "Ada Lovelace", "objCode": "USER"}})
		}
	}
	return f
}

var fakeTypes = []workfront.ObjectType{
	{ObjCode: "CMPY", Name: "Company", Label: "Company"}, {ObjCode: "PROJ", Name: "Project", Label: "Project"},
	{ObjCode: "TASK", Name: "Task", Label: "Task"}, {ObjCode: "USER", Name: "User", Label: "User"},
}

var fakeMeta = map[string]workfront.TypeMeta{
	"PROJ": {ObjCode: "PROJ", Name: "Project", Label: "Project",
		Fields: []workfront.FieldMeta{{Name: "name", Label: "Name", Type: "string"}, {Name: "status", Label: "Status", Type: "string",
			Values: []workfront.EnumValue{{Value: "CUR", Label: "Current"}, {Value: "PLN", Label: "Planning"}}},
			{Name: "plannedStartDate", Label: "Planned Start Date", Type: "dateTime"},
			{Name: "plannedCompletionDate", Label: "Planned Completion Date", Type: "dateTime"},
			{Name: "percentComplete", Label: "Percent Complete", Type: "double"},
			{Name: "description", Label: "Description", Type: "string"},
			{Name: "DE:Budget Code", Label: "Budget Code", Type: "string", Custom: true},
			{Name: "DE:Sponsor", Label: "Sponsor", Type: "string", Custom: true}},
		References:  []workfront.RefMeta{{Name: "owner", Label: "Owner", ObjCode: "USER"}},
		Collections: []workfront.RefMeta{{Name: "tasks", Label: "Tasks", ObjCode: "TASK"}}},
	"TASK": {ObjCode: "TASK", Name: "Task", Label: "Task",
		Fields: []workfront.FieldMeta{{Name: "name", Label: "Name", Type: "string"}, {Name: "status", Label: "Status", Type: "string"},
			{Name: "percentComplete", Label: "Percent Complete", Type: "double"}, {Name: "workRequired", Label: "Planned Hours", Type: "int"},
			{Name: "assignedToID", Label: "Assigned To ID", Type: "string"}},
		References: []workfront.RefMeta{{Name: "project", Label: "Project", ObjCode: "PROJ"}, {Name: "assignedTo", Label: "Assigned To", ObjCode: "USER"}},
		Queries:    []string{"myWork"},
		Actions: []workfront.ActionMeta{{Name: "assignMultiple", Label: "Assign Multiple",
			Args: []workfront.ActionArg{{Name: "userIDs", Type: "string[]", Required: true}}}}},
	"USER": {ObjCode: "USER", Name: "User", Label: "User",
		Fields: []workfront.FieldMeta{{Name: "name", Label: "Name", Type: "string"}, {Name: "emailAddr", Label: "Email Address", Type: "string"}}},
}

func (f *fakeObjects) Host() string { return "https://acme.my.workfront.com" }

func (f *fakeObjects) match(objCode string, filters []workfront.Filter) []workfront.Object {
	var out []workfront.Object
	mods := map[string]string{}
	for _, fl := range filters {
		if k, ok := strings.CutSuffix(fl.Key, "_Mod"); ok {
			mods[k] = fl.Value
		}
	}
rows:
	for _, o := range f.objects[strings.ToUpper(objCode)] {
		for _, fl := range filters {
			if strings.HasSuffix(fl.Key, "_Mod") {
				continue
			}
			got := o.Text(fl.Key)
			switch mods[fl.Key] {
			case "in":
				if !slices.ContainsFunc(filters, func(x workfront.Filter) bool { return x.Key == fl.Key && x.Value == got }) {
					continue rows
				}
			case "cicontains":
				if !strings.Contains(strings.ToLower(got), strings.ToLower(fl.Value)) {
					continue rows
				}
			default:
				if got != fl.Value {
					continue rows
				}
			}
		}
		out = append(out, o)
	}
	return out
}

func (f *fakeObjects) Search(ctx context.Context, s workfront.Search) ([]workfront.Object, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.searches = append(f.searches, s)
	all := f.match(s.ObjCode, s.Filters)
	if s.First >= len(all) {
		return nil, nil
	}
	return all[s.First:min(len(all), s.First+max(s.Limit, 1))], nil
}

func (f *fakeObjects) Count(ctx context.Context, objCode string, filters []workfront.Filter) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.match(objCode, filters)), nil
}

func (f *fakeObjects) Get(ctx context.Context, objCode, id string, fields []string) (workfront.Object, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, o := range f.objects[strings.ToUpper(objCode)] {
		if o.ID() == id {
			return asGot(o, fields), nil
		}
	}
	return nil, &workfront.APIError{Status: 404, Class: "com.attask.common.NotFoundException", Message: "Could not find " + objCode + " with ID " + id}
}

// asGot is an object as Workfront's get sends it: custom data only when
// named (DE:…) or asked for whole (parameterValues), never with "*".
func asGot(o workfront.Object, fields []string) workfront.Object {
	out := workfront.Object{}
	custom := map[string]any{}
	for k, val := range o {
		if strings.HasPrefix(k, "DE:") {
			custom[k] = val
			if !slices.Contains(fields, k) {
				continue
			}
		}
		out[k] = val
	}
	if slices.Contains(fields, "parameterValues") {
		out["parameterValues"] = custom
	}
	return out
}

func (f *fakeObjects) lastSearch() workfront.Search {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.searches) == 0 {
		return workfront.Search{}
	}
	return f.searches[len(f.searches)-1]
}

// Objects serves the 250 projects of fakeProjects and the small instance's
// other types; with fewProjects, the small instance's two projects (with
// tasks to drill into) instead.
func (b *fakeBackend) Objects(name string) (workspace.ObjectSource, error) {
	if b.fewProjects {
		return b.objects, nil
	}
	return b.projects, nil
}

func (b *fakeBackend) ObjectTypes(ctx context.Context, name string, refresh bool) ([]workfront.ObjectType, error) {
	return fakeTypes, nil
}

func (b *fakeBackend) TypeMetadata(ctx context.Context, name, objCode string, refresh bool) (workfront.TypeMeta, error) {
	m, ok := fakeMeta[strings.ToUpper(objCode)]
	if !ok {
		return m, fmt.Errorf("no type %s", objCode)
	}
	return m, nil
}

// Report groups the fake instance's objects of a type by a field, counting
// them and summing what is asked (the real action is tested against wfsim).
func (b *fakeBackend) Report(ctx context.Context, name string, q workfront.ReportQuery) (workfront.Report, error) {
	src, _ := b.Objects(name)
	rows, err := src.Search(ctx, workfront.Search{ObjCode: q.ObjCode, Filters: q.Filters, Limit: 2000})
	if err != nil {
		return workfront.Report{}, err
	}
	r := workfront.Report{Query: q, Total: &workfront.ReportGroup{Values: map[string]float64{}}}
	at := map[string]int{}
	for _, o := range rows {
		v := o.Text(q.GroupBy)
		i, ok := at[v]
		if !ok {
			i = len(r.Groups)
			at[v] = i
			r.Groups = append(r.Groups, workfront.ReportGroup{Value: v, Values: map[string]float64{}})
		}
		r.Groups[i].Count++
		r.Total.Count++
		for _, a := range q.Aggs {
			n, _ := o.Number(a.Field)
			r.Groups[i].Values[a.Key()] += n
			r.Total.Values[a.Key()] += n
		}
	}
	return r, nil
}
