package workfront

import (
	"context"
	"slices"
	"testing"
)

// TestSavedFiltersNamedQueriesActions: against wfsim over HTTP, a type's
// saved filters come with their definitions as filters that Workfront
// takes back; the metadata lists named queries and actions; myWork runs.
func TestSavedFiltersNamedQueriesActions(t *testing.T) {
	e := newEnv(t, 2000, Options{}) // enough projects for some to have no tasks
	ctx := context.Background()
	fs, err := e.client.SavedFilters(ctx, "proj")
	if err != nil || len(fs) != 3 {
		t.Fatalf("%d saved filters, %v", len(fs), err)
	}
	for _, f := range fs {
		if f.ObjCode != "PROJ" || len(f.Filters) == 0 || f.Problem != "" {
			t.Errorf("%+v", f)
		}
		n, err := e.client.Count(ctx, "proj", f.Filters)
		if err != nil || n == 0 || n == 2000 {
			t.Errorf("%s: %d rows, %v", f.Name, n, err)
		}
	}
	if !slices.ContainsFunc(fs, func(f SavedFilter) bool { return !f.Public && f.Owner != "" }) {
		t.Error("the owned, unshared one")
	}

	m, err := e.client.TypeMetadata(ctx, "task")
	if err != nil || !slices.Equal(m.Queries, []string{"myWork"}) {
		t.Fatalf("queries %v, %v", m.Queries, err)
	}
	i := slices.IndexFunc(m.Actions, func(a ActionMeta) bool { return a.Name == "assignMultiple" })
	if i < 0 || m.Actions[i].Label != "Assign Multiple" || len(m.Actions[i].Args) != 2 || !m.Actions[i].Args[0].Required {
		t.Errorf("actions %+v", m.Actions)
	}
	rows, err := e.client.NamedQuery(ctx, "task", "myWork", []string{"name", "assignedToID"}, 0, 50)
	if err != nil || len(rows) == 0 {
		t.Fatalf("myWork: %d rows, %v", len(rows), err)
	}
	for _, r := range rows {
		if r.ObjCode() != "TASK" {
			t.Errorf("a %s in the tasks' myWork", r.ObjCode())
		}
	}
	if _, err := e.client.NamedQuery(ctx, "task", "search", nil, 0, 10); err == nil {
		t.Error("search is not a named query")
	}
}

func TestReadDefinitionBothShapes(t *testing.T) {
	got, problem := readDefinition(map[string]any{"status": []any{"CUR", "PLN"}, "status_Mod": "in"})
	if problem != "" || len(got) != 3 || got[2] != (Filter{"status_Mod", "in"}) {
		t.Errorf("%v %q", got, problem)
	}
	if _, problem := readDefinition(42.0); problem == "" {
		t.Error("a number is not a definition")
	}
	if _, problem := readDefinition("status=CUR\nnonsense"); problem == "" {
		t.Error("a line without = is said")
	}
	if got := readQueries([]byte(`["search","myWork"]`)); !slices.Equal(got, []string{"myWork"}) {
		t.Errorf("a list of queries: %v", got)
	}
}
