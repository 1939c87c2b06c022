package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/workfront"
)

// updateOptions are what update was given: one object's FIELD=VALUE, a
// file, or filters with --set; and how to send.
type updateOptions struct {
	Name, Obj   string
	ID          string
	Assignments []string
	From        string
	Where, Set  []string
	Max         int
	Atomic      bool
	writeFlags
}

// writeFlags are every write command's: preview only, no question, where
// the results go, and JSON.
type writeFlags struct {
	DryRun, Yes, JSON bool
	Results           string
}

func (c *command) updateCmd() *cobra.Command {
	var opts updateOptions
	cmd := &cobra.Command{
		Use:   "update NAME OBJ (ID FIELD=VALUE... | --from FILE [--atomic] | --where FILTER... --set FIELD=VALUE... [--max N]) [--dry-run] [--yes] [--results FILE] [--json]",
		Short: "Change objects: one, every row of a CSV or XLSX file, or every object some filters find",
		Long: `Change objects in Workfront, safely. wfconnect first reads what each object
holds now and shows each change as before -> after; rows that would not
change, IDs that are not found and values the metadata refuses are counted
apart. Then it asks (on a terminal; elsewhere add --yes), sends at most 100
objects a request, and records every change in the connection's journal, so
wfconnect revert can undo it. A connection that is read-only (production, by
default) refuses before anything is sent: see wfconnect profile set --writes.

FIELD=VALUE uses the field names of search --fields ("DE:Budget Code=BC-9");
an empty VALUE clears the field. A file has an ID column and one column per
field, named as export writes them; a blank cell leaves the field alone. A
results file (the input's name with .results.csv) tells each row's outcome;
--from that file sends again the rows that failed or were not sent.

Exit codes: 0 every row changed or was unchanged, 1 any row failed (the
results file names them), 2 usage or no --yes without a terminal.`,
		Example: `  wfconnect update acme task 5f1e... percentComplete=50 status=INP
  wfconnect update acme proj --from budgets.csv --dry-run
  wfconnect update acme task --where project:name=Apollo --where status=NEW --set status=INP --max 200 --yes`,
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.Obj = args[0], args[1]
			if len(args) > 2 {
				opts.ID, opts.Assignments = args[2], args[3:]
			}
			return c.runUpdate(cmd.Context(), &opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.From, "from", "", "a CSV or XLSX file with an ID column and a column per field")
	f.StringArrayVar(&opts.Where, "where", nil, "a filter, as search takes them; repeat for more")
	f.StringArrayVar(&opts.Set, "set", nil, "FIELD=VALUE to give every object the filters find; repeat for more")
	f.IntVar(&opts.Max, "max", 500, "refuse when the filters find more objects than this")
	f.BoolVar(&opts.Atomic, "atomic", false, "all or nothing (at most 100 rows; Workfront then says nothing per row)")
	addWriteFlags(cmd, &opts.writeFlags)
	return cmd
}

func addWriteFlags(cmd *cobra.Command, w *writeFlags) {
	f := cmd.Flags()
	f.BoolVar(&w.DryRun, "dry-run", false, "show what would change, and send nothing")
	f.BoolVar(&w.Yes, "yes", false, "send without asking")
	f.StringVar(&w.Results, "results", "", "write each row's outcome to this CSV file")
	f.BoolVar(&w.JSON, "json", false, "print the changes as JSON")
}

// form says which of update's three forms was given, refusing a mix.
func (o *updateOptions) form() (string, error) {
	one, file, query := o.ID != "", o.From != "", len(o.Where) > 0 || len(o.Set) > 0
	switch {
	case one && (file || query), file && query:
		return "", usagef("give one of: ID FIELD=VALUE..., --from FILE, or --where ... --set ...")
	case one && len(o.Assignments) == 0:
		return "", usagef("update NAME OBJ ID needs at least one FIELD=VALUE")
	case query && len(o.Set) == 0:
		return "", usagef("--where needs at least one --set FIELD=VALUE")
	case query && len(o.Where) == 0:
		return "", usagef("--set needs --where filters; to change every object, say so with a filter such as ID_Mod=notnull")
	case o.Atomic && !file:
		return "", usagef("--atomic goes with --from FILE")
	case o.Max < 1:
		return "", usagef("--max must be 1 or more")
	case one:
		return "one", nil
	case file:
		return "file", nil
	case query:
		return "query", nil
	}
	return "", usagef("update needs ID FIELD=VALUE..., --from FILE, or --where ... --set ...")
}

func (c *command) runUpdate(ctx context.Context, opts *updateOptions) error {
	form, err := opts.form()
	if err != nil {
		return err
	}
	t, err := c.writeTarget(ctx, opts.Name, opts.Obj, opts.DryRun)
	if err != nil {
		return err
	}
	var in updateInput
	switch form {
	case "one":
		in, err = t.oneRow(opts.ID, opts.Assignments)
	case "file":
		in, err = t.fileRows(opts.From)
		if opts.Results == "" {
			opts.Results = edit.ResultsPath(opts.From)
		}
	case "query":
		in, err = c.queryRows(ctx, t, opts)
	}
	if err != nil {
		return err
	}
	return c.planAndSend(ctx, t, in, opts.writeFlags, edit.SendOptions{Atomic: opts.Atomic})
}

// writeTarget is what every write needs: the connection, its mode, its
// client, its journal and the type's metadata.
type writeTarget struct {
	name, obj string
	mode      edit.Mode
	client    *workfront.Client
	meta      workfront.TypeMeta
	host, api string
	journal   edit.Recorder
	dryRun    bool
}
