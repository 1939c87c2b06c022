package compare

import (
	"testing"

	"github.com/wfconnect/wfconnect/workfront"
)

func TestFormsFindWhatDiffers(t *testing.T) {
	risk := workfront.CustomField{Name: "Risk", Label: "Risk", DataType: "TEXT", DisplayType: "DDOWN", Active: true,
		Options: []workfront.EnumValue{{Value: "Low", Label: "Low"}, {Value: "High", Label: "High"}}}
	swapped := risk
	swapped.Options = []workfront.EnumValue{{Value: "High", Label: "High"}, {Value: "Low", Label: "Low!"}}
	a := []workfront.CustomForm{{Name: "F", ObjCodes: []string{"TASK", "PROJ"}, Fields: []workfront.CustomField{risk, {Name: "Code"}}}}
	b := []workfront.CustomForm{{Name: "F", ObjCodes: []string{"PROJ"}, Fields: []workfront.CustomField{{Name: "Code"}, swapped}}}
	nodes := Forms(a, b)
	if Equal(nodes) || len(nodes) != 1 || nodes[0].State != Different {
		t.Fatalf("%+v", nodes)
	}
	diffs := OnlyDifferences(nodes)[0].Children
	want := map[string]string{"object types": "PROJ, TASK|PROJ", "Risk": "", "Code": ""}
	for _, n := range diffs {
		w, ok := want[n.Name]
		if !ok {
			t.Errorf("unexpected difference %+v", n)
		}
		if w != "" && n.A+"|"+n.B != w {
			t.Errorf("%s: %q | %q", n.Name, n.A, n.B)
		}
	}
	if !Equal(Forms(a, a)) {
		t.Error("a form list against itself differs")
	}
	c := Count(OnlyDifferences(nodes))
	if c[OnlyA]+c[OnlyB] != 0 || c[Different] < 5 {
		t.Errorf("counts %v", c)
	}
}

func TestObjectsFieldByField(t *testing.T) {
	nodes := Objects(workfront.Object{"name": "A", "status": "CUR", "owner": map[string]any{"ID": "u1", "name": "Ada"}},
		workfront.Object{"name": "A", "status": "PLN", "extra": "x", "owner": map[string]any{"ID": "u1", "name": "Ada"}})
	got := map[string]State{}
	for _, n := range nodes {
		got[n.Name] = n.State
	}
	if got["name"] != Same || got["status"] != Different || got["extra"] != OnlyB || got["owner"] != Same || len(nodes) != 4 {
		t.Errorf("%+v", nodes)
	}
}

func TestTypesAddedAndRemoved(t *testing.T) {
	a := []workfront.ObjectType{{ObjCode: "PROJ", Label: "Project"}, {ObjCode: "OLD", Label: "Old"}}
	b := []workfront.ObjectType{{ObjCode: "PROJ", Label: "Project"}, {ObjCode: "NEW", Label: "New"}}
	ma := map[string]workfront.TypeMeta{"PROJ": {Fields: []workfront.FieldMeta{{Name: "name", Type: "string"}, {Name: "gone", Type: "int"}}}}
	mb := map[string]workfront.TypeMeta{"PROJ": {Fields: []workfront.FieldMeta{{Name: "name", Type: "string"}, {Name: "DE:X", Custom: true}}}}
	nodes := OnlyDifferences(Types(a, b, ma, mb))
	if len(nodes) != 3 || nodes[0].Name != "PROJ" || nodes[1].State != OnlyA || nodes[2].State != OnlyB {
		t.Fatalf("%+v", nodes)
	}
	if kids := nodes[0].Children; len(kids) != 1 || kids[0].Name != "gone" || kids[0].State != OnlyA {
		t.Errorf("custom fields are compared as forms, not here: %+v", kids)
	}
}
