package workspace

import (
	"context"
	"testing"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// The demo's sandbox is a second simulated instance over real HTTP: it
// signs in by itself, differs from the demo in wfsim's known ways, and
// goes when removed while the demo stays.
func TestDemoSandboxCompareAndUsage(t *testing.T) {
	ws, err := Open(Options{Dir: t.TempDir(), Secrets: store.NewMemory(), CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	m, err := ws.StartMachineDemo()
	if err != nil {
		t.Fatal(err)
	}
	sb, err := ws.StartSandboxDemo()
	if err != nil || sb.Name != DemoSandboxName || sb.Host == m.Host {
		t.Fatalf("%+v %v", sb, err)
	}
	ctx := context.Background()
	for _, name := range []string{m.Name, sb.Name} {
		if _, err := ws.SignIn(ctx, name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	nodes, err := ws.CompareForms(ctx, m.Name, sb.Name)
	if err != nil {
		t.Fatal(err)
	}
	c := compare.Count(compare.OnlyDifferences(nodes))
	if compare.Equal(nodes) || c[compare.OnlyA] == 0 || c[compare.Different] == 0 {
		t.Errorf("the sandbox differs in known ways: %v", c)
	}
	same, err := ws.CompareForms(ctx, m.Name, m.Name)
	if err != nil || !compare.Equal(same) {
		t.Errorf("an instance against itself differs: %v", err)
	}
	fields, err := ws.FieldUsage(ctx, m.Name, "PROJ", true, nil)
	if err != nil || len(fields) == 0 {
		t.Fatalf("usage %v %v", fields, err)
	}
	objects, _ := ws.Objects(m.Name)
	for _, f := range fields {
		n, err := objects.Count(ctx, "PROJ", []workfront.Filter{{Key: f.Name + "_Mod", Value: "notnull"}})
		if err != nil || n != f.Set {
			t.Errorf("%s: usage %d, a plain count %d (%v)", f.Name, f.Set, n, err)
		}
	}
	if err := ws.Remove(sb.Name); err != nil {
		t.Fatal(err)
	}
	if list, _ := ws.Profiles(); len(list) != 2 {
		t.Errorf("after removing the sandbox: %v", list)
	}
}
