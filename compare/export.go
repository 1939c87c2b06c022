package compare

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/wfconnect/wfconnect/export"
)

// WriteCSV writes nodes as CSV, one row per node depth-first after a
// header row: the path (the names from the top, joined with " / "), the
// kind, the state, the value in A and the value in B (headed nameA and
// nameB). It is made for spreadsheets, so every cell that would start a
// formula is defused as the export's CSV files are (export.DefuseCell).
func WriteCSV(w io.Writer, nodes []Node, nameA, nameB string) error {
	c := csv.NewWriter(w)
	row := func(cells ...string) error {
		for i, s := range cells {
			cells[i] = export.DefuseCell(s)
		}
		return c.Write(cells)
	}
	if err := row("path", "kind", "state", nameA, nameB); err != nil {
		return fmt.Errorf("compare: CSV: %w", err)
	}
	var walk func(ns []Node, above []string) error
	walk = func(ns []Node, above []string) error {
		for _, n := range ns {
			path := append(above[:len(above):len(above)], n.Name)
			if err := row(strings.Join(path, " / "), n.Kind, string(n.State), n.A, n.B); err != nil {
				return err
			}
			if err := walk(n.Children, path); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(nodes, nil); err != nil {
		return fmt.Errorf("compare: CSV: %w", err)
	}
	c.Flush()
	if err := c.Error(); err != nil {
		return fmt.Errorf("compare: CSV: %w", err)
	}
	return nil
}

// Summary is a comparison as scripts read it (WriteJSON): who was
// compared, whether they are the same, how many things differ and how,
// and the differences as a tree.
type Summary struct {
	A           string         `json:"a"`
	B           string         `json:"b"`
	Counts      map[string]int `json:"counts"` // onlyA, onlyB, different
	Differences []Node         `json:"differences"`
	Equal       bool           `json:"equal"`
}

// summarize is nodes' Summary: only the differences are kept, with the
// path to each.
func summarize(nodes []Node, nameA, nameB string) Summary {
	diffs := OnlyDifferences(nodes)
	if diffs == nil {
		diffs = []Node{}
	}
	c := Count(diffs)
	return Summary{A: nameA, B: nameB, Equal: len(diffs) == 0, Differences: diffs,
		Counts: map[string]int{"onlyA": c[OnlyA], "onlyB": c[OnlyB], "different": c[Different]}}
}

// WriteJSON writes nodes' Summary as indented JSON: what `wfconnect
// compare --json` prints, its keys in the order they always had. nodes
// may hold what is the same too.
func WriteJSON(w io.Writer, nodes []Node, nameA, nameB string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(summarize(nodes, nameA, nameB)); err != nil {
		return fmt.Errorf("compare: JSON: %w", err)
	}
	return nil
}
