package workspace

import (
	"context"
	"net/http"
	"os"
	"slices"
	"testing"

	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
	"github.com/wfconnect/wfconnect/workfront"
)

// connectedDemo is a workspace with a cache of its own and the demo
// connected (consent given on the simulator's page over HTTP).
func connectedDemo(t *testing.T) (*Workspace, string) {
	t.Helper()
	cache := t.TempDir()
	ws, err := Open(Options{Dir: t.TempDir(), CacheDir: cache, Secrets: store.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ws.Close)
	if _, err := ws.StartDemo(); err != nil {
		t.Fatal(err)
	}
	flow, err := ws.Begin(context.Background(), DemoName)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		if to, err := wfsim.Consent(http.DefaultClient, flow.AuthURL(), true); err == nil {
			if resp, err := http.Get(to); err == nil {
				resp.Body.Close()
			}
		}
	}()
	if _, err := flow.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ws, cache
}

func field(m workfront.TypeMeta, name string) (workfront.FieldMeta, bool) {
	i := slices.IndexFunc(m.Fields, func(f workfront.FieldMeta) bool { return f.Name == name })
	if i < 0 {
		return workfront.FieldMeta{}, false
	}
	return m.Fields[i], true
}

// TestCustomFieldsFromTheForms: object metadata lists no custom fields (as
// on a real instance); each type gets the active fields of its forms,
// with their forms and options, a form for several types (objTypes)
// included, and they come from the cache the second time.
func TestCustomFieldsFromTheForms(t *testing.T) {
	ws, _ := connectedDemo(t)
	ctx := context.Background()
	proj, err := ws.TypeMetadata(ctx, DemoName, "PROJ", false)
	if err != nil {
		t.Fatal(err)
	}
	code, ok := field(proj, "DE:Budget Code")
	if !ok || !code.Custom || code.Type != "string" || !slices.Equal(code.Forms, []string{"Project Details"}) {
		t.Errorf("Budget Code: %+v (found %v)", code, ok)
	}
	if budget, _ := field(proj, "DE:Budget"); budget.Type != "double" {
		t.Errorf("Budget, a number field, reads as %q", budget.Type)
	}
	if _, ok := field(proj, "DE:Legacy Code"); ok {
		t.Error("an inactive field on no form was offered")
	}
	task, err := ws.TypeMetadata(ctx, DemoName, "TASK", false)
	if err != nil {
		t.Fatal(err)
	}
	risk, ok := field(task, "DE:Risk")
	if !ok || len(risk.Values) != 3 || risk.Values[0].Value != "Low" || risk.Values[2].Value != "High" {
		t.Errorf("Risk on tasks: %+v (found %v)", risk, ok)
	}
	if _, ok := field(task, "DE:Budget Code"); ok {
		t.Error("a project form's field was offered for tasks")
	}
	issue, err := ws.TypeMetadata(ctx, DemoName, "OPTASK", false)
	if err != nil {
		t.Fatal(err)
	}
	if risk, ok := field(issue, "DE:Risk"); !ok || !slices.Equal(risk.Forms, []string{"Shared Tags"}) {
		t.Errorf("Risk on issues, through a form for several types: %+v (found %v)", risk, ok)
	}
	cached, ok := ws.CachedTypeMetadata(DemoName, "TASK")
	if _, has := field(cached, "DE:Risk"); !ok || !has {
		t.Errorf("the cached metadata lacks the custom fields (cached %v)", ok)
	}
}

// TestCustomFieldsUnreadable: when the custom forms cannot be read (here
// Workfront refuses them), the type is still described, without its
// custom fields, and the reason is kept for people.
func TestCustomFieldsUnreadable(t *testing.T) {
	ws, cache := connectedDemo(t)
	ctx := context.Background()
	if _, err := ws.TypeMetadata(ctx, DemoName, "PROJ", false); err != nil {
		t.Fatal(err)
	}
	p, _ := ws.Profile(DemoName)
	if err := os.Remove(ws.metadataPath(p, "custom-forms").path); err != nil {
		t.Fatalf("no custom forms cached under %s: %v", cache, err)
	}
	ws.demo.sim.SetAPIAnswers(wfsim.Answer{Status: 403, ContentType: "application/json",
		Body: `{"error":{"class":"com.attask.common.SecurityException","message":"You do not have sufficient access rights","title":null,"code":0}}`}, 1)
	m, err := ws.TypeMetadata(ctx, DemoName, "PROJ", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := field(m, "DE:Budget Code"); ok || m.CustomFieldsError != "Workfront said: You do not have sufficient access rights (403)" {
		t.Errorf("custom fields %v, error %q", ok, m.CustomFieldsError)
	}
	if _, ok := field(m, "status"); !ok {
		t.Error("the type lost its own fields")
	}
}
