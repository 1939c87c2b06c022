package compare

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// tree is a small comparison: a form whose field differs in one value and
// lost an option, and a form only B has.
func tree() []Node {
	return []Node{
		parent("form", "Details", []Node{
			parent("field", "Risk", []Node{
				value("label", "Risk", "=HYPERLINK(\"x\")"),
				value("data type", "TEXT", "TEXT"),
				{Kind: "option", Name: "Low, \"the\"\nleast", State: OnlyA},
			}),
		}),
		{Kind: "form", Name: "New", State: OnlyB},
	}
}

// TestWriteCSV: a header, then a row per node depth-first with its path;
// names with commas, quotes and line breaks survive a CSV reader, and a
// cell that would start a formula is defused.
func TestWriteCSV(t *testing.T) {
	nameA, nameB := "prod, \"main\"\nEU", "=sandbox"
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tree(), nameA, nameB); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"path", "kind", "state", nameA, "'=sandbox"},
		{"Details", "form", "different", "", ""},
		{"Details / Risk", "field", "different", "", ""},
		{"Details / Risk / label", "value", "different", "Risk", "'=HYPERLINK(\"x\")"},
		{"Details / Risk / data type", "value", "same", "TEXT", "TEXT"},
		{"Details / Risk / Low, \"the\"\nleast", "option", "only in A", "", ""},
		{"New", "form", "only in B", "", ""},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("got\n%q\nwant\n%q", rows, want)
	}
}

// TestWriteJSONKeepsTheCLIsShape: the JSON is the summary compare --json
// always printed, byte for byte: the differences only, their counts.
func TestWriteJSONKeepsTheCLIsShape(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, tree(), "a, \"x\"", "b"); err != nil {
		t.Fatal(err)
	}
	diffs := OnlyDifferences(tree())
	var old bytes.Buffer
	enc := json.NewEncoder(&old)
	enc.SetIndent("", "  ")
	enc.Encode(map[string]any{"a": "a, \"x\"", "b": "b", "equal": false,
		"counts":      map[string]int{"onlyA": 1, "onlyB": 1, "different": 3},
		"differences": diffs})
	if buf.String() != old.String() {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), old.String())
	}
	if strings.Contains(buf.String(), "data type") {
		t.Error("a value that is the same is in the JSON")
	}
	buf.Reset()
	WriteJSON(&buf, nil, "a", "b")
	var v Summary
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil || !v.Equal || v.Differences == nil || !strings.Contains(buf.String(), `"differences": []`) {
		t.Errorf("nothing differs: %v %s", err, buf.String())
	}
}
