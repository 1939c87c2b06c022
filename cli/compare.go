package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workspace"
)

// errDiffer ends compare with exit status 1 when the two differ, after
// the differences were printed.
var errDiffer = quietError{code: ExitError}

func (c *command) compareCmd() *cobra.Command {
	var metadata, forms, asJSON bool
	cmd := &cobra.Command{
		Use:   "compare NAME_A NAME_B [--forms|--metadata] [--json]",
		Short: "Compare two connections' custom forms, or their object types",
		Long: `Compare two connections (say production and a sandbox), read fresh from
Workfront: their custom forms, each form's object types and fields, each
field's label, types, place and options (--forms, the default), or their
object types and each type's fields, references and collections
(--metadata). Only the differences are printed. Exit status 0 when the two
are the same, 1 when they differ, so a script can gate a release on it.`,
		Example: `  wfconnect compare acme acme-sandbox
  wfconnect compare acme acme-sandbox --metadata --json > diff.json`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			if metadata && forms {
				return usagef("--forms and --metadata compare different things: choose one")
			}
			ws, err := c.workspace()
			if err != nil {
				return err
			}
			var nodes []compare.Node
			if metadata {
				nodes, err = compareTypes(cmd.Context(), ws, args[0], args[1])
			} else {
				nodes, err = compareForms(cmd.Context(), ws, args[0], args[1])
			}
			if err != nil {
				return err
			}
			if err := c.printComparison(args[0], args[1], nodes, asJSON); err != nil {
				return err
			}
			if !compare.Equal(nodes) {
				return errDiffer
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&forms, "forms", false, "compare the custom forms, fields and options (the default)")
	f.BoolVar(&metadata, "metadata", false, "compare the object types and their fields")
	f.BoolVar(&asJSON, "json", false, "print the differences as JSON")
	return cmd
}

// clients opens both connections' clients.
func clients(ws *workspace.Workspace, a, b string) (compare.Instance, compare.Instance, error) {
	ca, err := ws.Client(a)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", a, err)
	}
	cb, err := ws.Client(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", b, err)
	}
	return ca, cb, nil
}

func compareForms(ctx context.Context, ws *workspace.Workspace, a, b string) ([]compare.Node, error) {
	ca, cb, err := clients(ws, a, b)
	if err != nil {
		return nil, err
	}
	return compare.ReadForms(ctx, ca, cb, a, b)
}

func compareTypes(ctx context.Context, ws *workspace.Workspace, a, b string) ([]compare.Node, error) {
	ca, cb, err := clients(ws, a, b)
	if err != nil {
		return nil, err
	}
	return compare.ReadTypes(ctx, ca, cb, a, b)
}

// printComparison prints the differences as a tree, with a summary line.
func (c *command) printComparison(a, b string, nodes []compare.Node, asJSON bool) error {
	diffs := compare.OnlyDifferences(nodes)
	counts := compare.Count(diffs)
	if asJSON {
		enc := json.NewEncoder(c.env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"a": a, "b": b, "equal": len(diffs) == 0,
			"counts":      map[string]int{"onlyA": counts[compare.OnlyA], "onlyB": counts[compare.OnlyB], "different": counts[compare.Different]},
			"differences": nonNil(diffs)})
	}
	if len(diffs) == 0 {
		c.say("%s and %s are the same.", a, b)
		return nil
	}
	c.writeTree(c.env.Stdout, diffs, 0, a, b)
	c.say("%s and %s differ: %d only in %s, %d only in %s, %d different.", a, b, counts[compare.OnlyA], a, counts[compare.OnlyB], b, counts[compare.Different])
	return nil
}

func nonNil(n []compare.Node) []compare.Node {
	if n == nil {
		return []compare.Node{}
	}
	return n
}

// kindWord names a node's kind for people.
func (c *command) kindWord(kind string) string {
	switch kind {
	case "form":
		return c.tr("form")
	case "field":
		return c.tr("field")
	case "option":
		return c.tr("option")
	case "type":
		return c.tr("object type")
	case "reference":
		return c.tr("reference")
	case "collection":
		return c.tr("collection")
	}
	return c.tr("value")
}

// writeTree writes one line per node, indented by depth.
func (c *command) writeTree(w io.Writer, nodes []compare.Node, depth int, a, b string) {
	for _, n := range nodes {
		line := strings.Repeat("  ", depth) + msg.CleanData(n.Name) + " (" + c.kindWord(n.Kind) + ")"
		switch n.State {
		case compare.OnlyA:
			line += ": " + fmt.Sprintf(c.tr("only in %s"), msg.CleanData(a))
		case compare.OnlyB:
			line += ": " + fmt.Sprintf(c.tr("only in %s"), msg.CleanData(b))
		case compare.Different:
			if n.Kind == "value" {
				line = strings.Repeat("  ", depth) + msg.CleanData(n.Name) + ": " + msg.CleanData(n.A) + " -> " + msg.CleanData(n.B)
			}
		}
		fmt.Fprintln(w, line)
		c.writeTree(w, n.Children, depth+1, a, b)
	}
}
