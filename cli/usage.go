package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/usage"
)

func (c *command) usageCmd() *cobra.Command {
	var custom, asJSON bool
	cmd := &cobra.Command{
		Use:   "usage NAME OBJ [--custom] [--json]",
		Short: "Show how many objects of a type have a value in each field",
		Long: `Show, for each field of a type (its custom fields only with --custom), how
many of its objects have a value, as a count and a share, the fields never
used first. Workfront counts them: one count request per field, four at a
time, never a download of the objects.`,
		Example: `  wfconnect usage acme proj --custom
  wfconnect usage acme task --json > task-usage.json`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, err := c.workspace()
			if err != nil {
				return err
			}
			meta, err := ws.TypeMetadata(cmd.Context(), args[0], args[1], false)
			if err != nil {
				return c.explainObjectError(cmd.Context(), args[0], args[1], err)
			}
			client, err := ws.Client(args[0])
			if err != nil {
				return err
			}
			fields, err := usage.Count(cmd.Context(), client, meta.ObjCode, usage.Countable(meta, custom), nil)
			if err != nil {
				return c.explainObjectError(cmd.Context(), args[0], args[1], err)
			}
			if asJSON {
				enc := json.NewEncoder(c.env.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(fields)
			}
			return c.printUsage(fields)
		},
	}
	cmd.Flags().BoolVar(&custom, "custom", false, "the type's custom fields only")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one entry per field")
	return cmd
}

// printUsage prints a table with a bar per field.
func (c *command) printUsage(fields []usage.Field) error {
	w := tabwriter.NewWriter(c.env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, c.tr("FIELD")+"\t"+c.tr("WITH A VALUE")+"\t"+c.tr("SHARE")+"\t")
	for _, f := range fields {
		share := fmt.Sprintf("%5.1f%%", 100*f.Share)
		bar := strings.Repeat("█", int(f.Share*20+0.5))
		switch {
		case f.Error != "":
			share, bar = c.tr("could not count"), msg.Clean(f.Error)
		case f.Set == 0:
			bar = c.tr("never used")
		}
		fmt.Fprintf(w, "%s\t%d / %d\t%s\t%s\n", msg.Clean(f.Name), f.Set, f.Total, share, bar)
	}
	return w.Flush()
}
