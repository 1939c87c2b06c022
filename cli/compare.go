package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workspace"
)

// errDiffer ends compare with exit status 1 when the two differ, after
// the differences were printed.
var errDiffer = quietError{code: ExitError}

// compareOpts are compare's flags.
type compareOpts struct {
	metadata, forms, asJSON, onlyDiffs bool
	versions                           []string // two API versions of one connection
	objects                            string   // OBJ: compare two objects of this type
	csv                                string   // the CSV file to write, "" for none
}

// comparison is what compare found: the tree and the two sides' names.
type comparison struct {
	nodes        []compare.Node
	nameA, nameB string
	objects      bool // two objects: printed side by side, every field
}

func (c *command) compareCmd() *cobra.Command {
	var o compareOpts
	cmd := &cobra.Command{
		Use:   "compare NAME_A NAME_B [--forms|--metadata] | NAME --versions vA,vB | NAME_A [NAME_B] --objects OBJ ID_A [ID_B]",
		Short: "Compare two connections, two API versions, or two objects",
		Long: `Compare two connections (say production and a sandbox), read fresh from
Workfront: their custom forms, each form's object types and fields, each
field's label, types, place and options (--forms, the default), or their
object types and each type's fields, references and collections
(--metadata). --versions compares one connection's object types at two API
versions. --objects compares two objects field by field, custom fields
too: of one connection when NAME_B is left out, with the same ID on both
when ID_B is. Only the differences are printed, except for two objects:
every field side by side, unless --only-differences. --csv also writes
those rows to a file for spreadsheets (0600, written whole or not at all).
Exit status 0 when the two are the same, 1 when they differ, so a script
can gate a release on it.`,
		Example: `  wfconnect compare acme acme-sandbox
  wfconnect compare acme acme-sandbox --metadata --json > diff.json
  wfconnect compare acme --versions v21.0,v22.0 --csv versions.csv
  wfconnect compare acme acme-sandbox --objects proj 6543a1b2c3d4e5f60718293a4b5c6d7e`,
		Args:              func(_ *cobra.Command, args []string) error { return c.checkCompare(o, args) },
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, err := c.workspace()
			if err != nil {
				return err
			}
			var got comparison
			switch {
			case o.objects != "":
				got, err = c.compareObjects(cmd.Context(), ws, o.objects, args)
			case len(o.versions) == 2:
				got, err = compareVersions(cmd.Context(), ws, args[0], o.versions[0], o.versions[1])
			default:
				got, err = compareTwo(cmd.Context(), ws, args[0], args[1], o.metadata)
			}
			if err != nil {
				return err
			}
			return c.showComparison(got, o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.forms, "forms", false, "compare the custom forms, fields and options (the default)")
	f.BoolVar(&o.metadata, "metadata", false, "compare the object types and their fields")
	f.StringSliceVar(&o.versions, "versions", nil, "compare one connection's object types at two API versions, like v21.0,v22.0")
	f.StringVar(&o.objects, "objects", "", "compare two objects of this type (proj, task, …) field by field")
	f.BoolVar(&o.onlyDiffs, "only-differences", false, "with --objects, show only the fields that differ")
	f.StringVar(&o.csv, "csv", "", "also write the rows to this CSV file (a row per difference, or per field with --objects)")
	f.BoolVar(&o.asJSON, "json", false, "print the differences as JSON")
	return cmd
}

// checkCompare checks which comparison the command line asks for, and
// that its names fit it.
func (c *command) checkCompare(o compareOpts, args []string) error {
	switch {
	case o.metadata && o.forms:
		return usageError{msg: c.tr("--forms and --metadata compare different things: choose one")}
	case o.objects != "" && (o.forms || o.metadata || o.versions != nil):
		return usageError{msg: c.tr("--objects compares two objects: leave out --forms, --metadata and --versions")}
	case o.objects != "" && (len(args) < 2 || len(args) > 4):
		return usageError{msg: c.tr("--objects needs the connection and the object: compare NAME_A [NAME_B] --objects OBJ ID_A [ID_B]")}
	case o.objects != "":
		return nil
	case o.versions != nil && len(o.versions) != 2:
		return usageError{msg: c.tr("--versions takes two API versions, like --versions v21.0,v22.0")}
	case o.versions != nil && o.forms:
		return usageError{msg: c.tr("--versions compares object types (the custom forms are the same in every version): leave out --forms")}
	case o.versions != nil && len(args) != 1:
		return usagef(c.tr("--versions compares one connection at two API versions: give one connection name, not %d"), len(args))
	case o.versions == nil && len(args) == 1:
		return usageError{msg: c.tr("compare needs two connection names, or one with --versions vA,vB or --objects OBJ ID")}
	case o.versions == nil && len(args) != 2:
		return usagef(c.tr("compare takes two connection names, NAME_A and NAME_B, not %d"), len(args))
	}
	return nil
}

// compareTwo compares two connections' custom forms, or their types.
func compareTwo(ctx context.Context, ws *workspace.Workspace, a, b string, types bool) (comparison, error) {
	read := ws.CompareForms
	if types {
		read = ws.CompareTypes
	}
	nodes, err := read(ctx, a, b)
	return comparison{nodes: nodes, nameA: a, nameB: b}, err
}

// compareVersions compares one connection's types at two API versions.
func compareVersions(ctx context.Context, ws *workspace.Workspace, name, va, vb string) (comparison, error) {
	nodes, err := ws.CompareVersions(ctx, name, va, vb)
	return comparison{nodes: nodes, nameA: name + " " + va, nameB: name + " " + vb}, err
}

// showComparison prints what compare found, writes the CSV file when asked
// and ends with exit status 1 when the two differ.
func (c *command) showComparison(got comparison, o compareOpts) error {
	shown := got.nodes
	if !got.objects || o.onlyDiffs {
		shown = compare.OnlyDifferences(got.nodes)
	}
	var err error
	switch {
	case o.asJSON:
		err = compare.WriteJSON(c.env.Stdout, got.nodes, got.nameA, got.nameB)
	case got.objects:
		err = c.writeSideBySide(shown, got.nameA, got.nameB)
	default:
		c.writeTree(c.env.Stdout, shown, 0, got.nameA, got.nameB)
	}
	if err != nil {
		return err
	}
	if o.csv != "" {
		if err := export.WriteFile(o.csv, func(w io.Writer) error {
			io.WriteString(w, "\uFEFF") // as the export's CSV files: Excel reads UTF-8 then
			return compare.WriteCSV(w, shown, got.nameA, got.nameB)
		}); err != nil {
			return err
		}
		c.say("Wrote the comparison to %s.", o.csv)
	}
	if !o.asJSON {
		c.saySummary(got)
	}
	if !compare.Equal(got.nodes) {
		return errDiffer
	}
	return nil
}

// saySummary says whether the two differ, and how much.
func (c *command) saySummary(got comparison) {
	a, b := got.nameA, got.nameB
	counts := compare.Count(compare.OnlyDifferences(got.nodes))
	if compare.Equal(got.nodes) {
		c.say("%s and %s are the same.", a, b)
		return
	}
	c.say("%s and %s differ: %d only in %s, %d only in %s, %d different.", a, b, counts[compare.OnlyA], a, counts[compare.OnlyB], b, counts[compare.Different])
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
		line := strings.Repeat("  ", depth) + msg.Clean(n.Name) + " (" + c.kindWord(n.Kind) + ")"
		switch n.State {
		case compare.OnlyA:
			line += ": " + fmt.Sprintf(c.tr("only in %s"), msg.Clean(a))
		case compare.OnlyB:
			line += ": " + fmt.Sprintf(c.tr("only in %s"), msg.Clean(b))
		case compare.Different:
			if n.Kind == "value" {
				line = strings.Repeat("  ", depth) + msg.Clean(n.Name) + ": " + msg.Clean(n.A) + " -> " + msg.Clean(n.B)
			}
		}
		fmt.Fprintln(w, line)
		c.writeTree(w, n.Children, depth+1, a, b)
	}
}
