package cli

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// The generic commands: search, count, get, find and metadata, for any
// object type, in Workfront's own filter syntax.

func (c *command) searchCmd() *cobra.Command {
	var fields, sorts []string
	var limit, first int
	var all, asJSON, asCSV, printText bool
	var textMode string
	cmd := &cobra.Command{
		Use:   "search NAME OBJ [FILTER...] [--text-mode FILE|-] [--print-text-mode]",
		Short: "Search any object type, with Workfront's filters",
		Long: `Search objects of one type (an objCode or API name in any case: proj, task,
optask or issue, user, port, prgm, docu, hour, tmpl, …). Each FILTER is one of
Workfront's own parameters: status=CUR, name=alpha, name_Mod=cicontains,
project:name=Apollo, "DE:Budget Code=BC-001", status=CUR,PLN with status_Mod=in.
Pages are sorted with an ID tiebreak, so --all returns every object once.`,
		Example: `  wfconnect search acme task status=INP --fields name,project:name,assignedTo:name
  wfconnect search acme proj name=launch name_Mod=cicontains --sort plannedCompletionDate:desc
  wfconnect search acme optask --all --json > issues.json
  wfconnect search acme proj "DE:Budget Code=BC-001" --csv
  wfconnect search acme proj --text-mode report-filter.txt
  wfconnect search acme task status=INP status_Mod=eq --print-text-mode`,
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON && asCSV {
				return usagef("--json and --csv contradict each other: choose one")
			}
			if limit < 1 || limit > workfront.MaxLimit {
				return usagef("--limit must be between 1 and 2000 (Workfront's page limit); use --all for everything")
			}
			if first < 0 {
				return usagef("--first must be 0 or more")
			}
			s, err := searchOf(args[1], args[2:], fields, sorts)
			if err == nil {
				err = c.withTextMode(&s, textMode)
			}
			if err != nil || printText {
				return cmp.Or(err, c.printTextMode(s.Filters))
			}
			s.Limit, s.First = limit, first
			if all {
				s.Limit = workfront.MaxLimit // --all pages as few times as Workfront allows
			}
			return c.search(cmd.Context(), args[0], s, all, asJSON, asCSV)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&fields, "fields", nil, "the fields to show, separated by commas (owner:name, DE:Budget Code, tasks, *)")
	f.StringArrayVar(&sorts, "sort", nil, "sort by FIELD, or FIELD:desc; repeat for more (an ID tiebreak is added)")
	f.IntVar(&limit, "limit", workfront.DefaultLimit, "at most this many objects (1 to 2000)")
	f.IntVar(&first, "first", 0, "skip this many objects")
	f.BoolVar(&all, "all", false, "every object, page after page (2000 a page)")
	f.BoolVar(&asJSON, "json", false, "print a JSON array of the objects as Workfront sent them")
	f.BoolVar(&asCSV, "csv", false, "print CSV: a header, then a row per object (nested fields as owner:name)")
	f.StringVar(&textMode, "text-mode", "", "read filters from a Workfront report's text mode, one per line (a file, or - for standard input)")
	f.BoolVar(&printText, "print-text-mode", false, "print the filters as text mode, for a Workfront report, and send nothing")
	return cmd
}

// client is the API client of a saved connection.
func (c *command) client(name string) (*workfront.Client, error) {
	ws, err := c.workspace()
	if err != nil {
		return nil, err
	}
	return ws.Client(name)
}

// searchOf reads the positional filters and the flags into a search.
func searchOf(obj string, filterArgs, fields, sorts []string) (workfront.Search, error) {
	s := workfront.Search{ObjCode: obj, Fields: fields}
	for _, a := range filterArgs {
		f, err := workfront.ParseFilter(a)
		if err != nil {
			return s, usageError{msg: err.Error()}
		}
		s.Filters = append(s.Filters, f)
	}
	for _, so := range sorts {
		field, dir, _ := strings.Cut(so, ":")
		switch strings.ToLower(dir) {
		case "", "asc":
			s.Sorts = append(s.Sorts, workfront.Sort{Field: field})
		case "desc":
			s.Sorts = append(s.Sorts, workfront.Sort{Field: field, Desc: true})
		default:
			return s, usagef("--sort %q: write FIELD or FIELD:desc", so)
		}
	}
	return s, nil
}

func (c *command) search(ctx context.Context, name string, s workfront.Search, all, asJSON, asCSV bool) error {
	client, err := c.client(name)
	if err != nil {
		return err
	}
	out := newObjectWriter(c.env.Stdout, s.Fields, asJSON, asCSV)
	if all {
		err = c.searchAll(ctx, client, s, out)
	} else {
		var rows []workfront.Object
		if rows, err = client.Search(ctx, s); err == nil {
			for _, o := range rows {
				if err = out.write(o); err != nil {
					break
				}
			}
		}
	}
	if err != nil {
		return c.explainObjectError(ctx, name, s.ObjCode, err)
	}
	if err := out.close(); err != nil {
		return err
	}
	if out.rows == 0 && !asJSON && !asCSV {
		c.say("Nothing matches.")
	}
	if !all && out.rows == s.Limit && !asJSON && !asCSV {
		c.say("Showing the first %d; use --all for every one, or --limit N.", out.rows)
	}
	return nil
}

// searchAll pages through every object, stopping at the count Workfront
// gave at the start, as export does: a server that keeps sending full
// pages (or data that grows while it is read) cannot keep it going.
func (c *command) searchAll(ctx context.Context, client *workfront.Client, s workfront.Search, out *objectWriter) error {
	total, err := client.Count(ctx, s.ObjCode, s.Filters)
	if err != nil {
		return err
	}
	want := max(0, total-s.First)
	err = client.All(ctx, s, func(o workfront.Object) error {
		if out.rows >= want {
			return errCounted
		}
		return out.write(o)
	})
	if errors.Is(err, errCounted) {
		c.say("Workfront sent more than the %d objects it counted at the start, so the search stopped at %d. The data may have changed while it was read: run it again to see the rest.", total, want)
		return nil
	}
	return err
}

// errCounted stops searchAll's paging at the count.
var errCounted = errors.New("the counted objects are all read")

// objectWriter prints objects as they come: an aligned table, a JSON
// array, or CSV. The table and the CSV's header are fixed by the first
// page (CSV writes as it goes, so memory stays flat with --all).
type objectWriter struct {
	w           io.Writer
	fields      []string
	json, csv   bool
	rows        int
	columns     []string
	table       *tabwriter.Writer
	csvw        *csv.Writer
	jsonStarted bool
}

func newObjectWriter(w io.Writer, fields []string, asJSON, asCSV bool) *objectWriter {
	return &objectWriter{w: w, fields: fields, json: asJSON, csv: asCSV}
}

func (ow *objectWriter) write(o workfront.Object) error {
	ow.rows++
	switch {
	case ow.json:
		raw, err := json.MarshalIndent(o, "  ", "  ")
		if err != nil {
			return err
		}
		lead := ",\n  "
		if !ow.jsonStarted {
			lead, ow.jsonStarted = "[\n  ", true
		}
		_, err = fmt.Fprint(ow.w, lead, string(jsonSafe(raw)))
		return err
	case ow.csv:
		flat := flatten(o)
		if ow.csvw == nil {
			ow.csvw = csv.NewWriter(ow.w)
			ow.columns = columnsOf(flat, ow.fields)
			if err := ow.csvw.Write(cleanRow(ow.columns)); err != nil {
				return err
			}
		}
		row := make([]string, len(ow.columns))
		for i, col := range ow.columns {
			row[i] = flat[col]
		}
		return ow.csvw.Write(cleanRow(row))
	}
	if ow.table == nil {
		ow.table = tabwriter.NewWriter(ow.w, 0, 4, 2, ' ', 0)
		ow.columns = tableColumns(ow.fields)
		head := make([]string, len(ow.columns))
		for i, col := range ow.columns {
			head[i] = strings.ToUpper(cell(col))
		}
		fmt.Fprintln(ow.table, strings.Join(head, "\t"))
	}
	cells := make([]string, len(ow.columns))
	for i, col := range ow.columns {
		cells[i] = cell(o.Text(col))
	}
	_, err := fmt.Fprintln(ow.table, strings.Join(cells, "\t"))
	return err
}

func (ow *objectWriter) close() error {
	switch {
	case ow.json:
		if !ow.jsonStarted {
			_, err := fmt.Fprintln(ow.w, "[]")
			return err
		}
		_, err := fmt.Fprintln(ow.w, "\n]")
		return err
	case ow.csv:
		if ow.csvw == nil {
			return nil
		}
		ow.csvw.Flush()
		return ow.csvw.Error()
	case ow.table != nil:
		return ow.table.Flush()
	}
	return nil
}

// tableColumns: the ID, then the fields asked for (or the name).
func tableColumns(fields []string) []string {
	cols := []string{"ID"}
	if len(fields) == 0 {
		return append(cols, "name")
	}
	for _, f := range fields {
		if f != "ID" && f != "*" {
			cols = append(cols, f)
		}
	}
	return cols
}

// cleanRow is a CSV row (the header's names come from the server too)
// without what a terminal would act on; CSV quotes its own line breaks.
func cleanRow(row []string) []string {
	for i, v := range row {
		row[i] = msg.CleanData(v)
	}
	return row
}

// cell is a table cell: outside text without control characters, and
// without the tabs and line breaks that would break the columns.
func cell(s string) string {
	s = msg.Clean(s)
	if len(s) > 80 {
		s = s[:77] + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}

// flatten lists an object's fields for CSV: nested objects as
// owner:name, collections as their members' names.
func flatten(o workfront.Object) map[string]string {
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if m, ok := v.(map[string]any); ok {
			for k, inner := range m {
				walk(prefix+":"+k, inner)
			}
			return
		}
		out[prefix] = workfront.Object{"v": v}.Text("v")
	}
	for k, v := range o {
		walk(k, v)
	}
	return out
}

// columnsOf orders CSV columns: ID, name, objCode, then the fields asked
// for in their order (with their nested parts), then the rest by name.
func columnsOf(flat map[string]string, fields []string) []string {
	var cols []string
	taken := map[string]bool{}
	add := func(k string) {
		if _, ok := flat[k]; ok && !taken[k] {
			taken[k] = true
			cols = append(cols, k)
		}
	}
	add("ID")
	add("name")
	add("objCode")
	for _, f := range fields {
		add(f)
		var nested []string
		for k := range flat {
			if strings.HasPrefix(k, f+":") {
				nested = append(nested, k)
			}
		}
		sort.Strings(nested)
		for _, k := range nested {
			add(k)
		}
	}
	var rest []string
	for k := range flat {
		if !taken[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(cols, rest...)
}

func (c *command) countCmd() *cobra.Command {
	var textMode string
	cmd := &cobra.Command{
		Use:   "count NAME OBJ [FILTER...] [--text-mode FILE|-]",
		Short: "Count the objects of a type that the filters match",
		Example: `  wfconnect count acme proj status=CUR
  wfconnect count acme task assignedTo:name=Ada name_Mod=cicontains`,
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := searchOf(args[1], args[2:], nil, nil)
			if err == nil {
				err = c.withTextMode(&s, textMode)
			}
			if err != nil {
				return err
			}
			client, err := c.client(args[0])
			if err != nil {
				return err
			}
			n, err := client.Count(cmd.Context(), s.ObjCode, s.Filters)
			if err != nil {
				return c.explainObjectError(cmd.Context(), args[0], s.ObjCode, err)
			}
			_, err = fmt.Fprintln(c.env.Stdout, n)
			return err
		},
	}
	cmd.Flags().StringVar(&textMode, "text-mode", "", "read filters from a Workfront report's text mode, one per line (a file, or - for standard input)")
	return cmd
}

func (c *command) getCmd() *cobra.Command {
	var fields []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "get NAME OBJ ID",
		Short: "Show one object by its ID",
		Example: `  wfconnect get acme proj 5f0000000000000000000000000000a1
  wfconnect get acme task 5f00… --fields name,status,project:name,assignedTo:emailAddr --json`,
		Args:              cobra.ExactArgs(3),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := c.client(args[0])
			if err != nil {
				return err
			}
			o, err := client.Get(cmd.Context(), args[1], args[2], fields)
			if err != nil {
				return c.explainObjectError(cmd.Context(), args[0], args[1], err)
			}
			if asJSON {
				return writeJSON(c.env.Stdout, o)
			}
			flat := flatten(o)
			tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
			for _, k := range columnsOf(flat, fields) {
				fmt.Fprintf(tw, "%s\t%s\n", msg.Clean(k), msg.Clean(flat[k]))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringSliceVar(&fields, "fields", nil, "the fields to show, separated by commas (owner:name, DE:Budget Code, tasks, *)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the object as Workfront sent it")
	return cmd
}

func (c *command) findCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "find NAME ID",
		Short:   "Say what an ID is: its objCode and name",
		Long:    "Workfront's IDs carry no type, so find asks the likely types in turn: " + strings.ToLower(strings.Join(workfront.FindTypes(), ", ")) + ".",
		Example: `  wfconnect find acme 5f0000000000000000000000000000a1`,
		Args:    cobra.ExactArgs(2), ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := c.client(args[0])
			if err != nil {
				return err
			}
			o, err := workfront.Find(cmd.Context(), client, args[1])
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(c.env.Stdout, "%s\t%s\n", msg.Clean(o.ObjCode()), msg.Clean(o.Name()))
			return err
		},
	}
}

func (c *command) metadataCmd() *cobra.Command {
	var asJSON, refresh bool
	cmd := &cobra.Command{
		Use:   "metadata NAME [OBJ]",
		Short: "List the instance's object types, or one type's fields, references and collections",
		Long: `Without OBJ, the object types this instance has. With OBJ, its fields (with
their types, enum values and the instance's own custom fields), references
and collections. The answers are cached per connection and API version;
--refresh asks Workfront again.`,
		Example: `  wfconnect metadata acme
  wfconnect metadata acme task --json`,
		Args:              cobra.RangeArgs(1, 2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, err := c.workspace()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if len(args) == 1 {
				types, err := ws.ObjectTypes(ctx, args[0], refresh)
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(c.env.Stdout, types)
				}
				tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "OBJCODE\tNAME\tLABEL")
				for _, t := range types {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", msg.Clean(t.ObjCode), msg.Clean(t.Name), msg.Clean(t.Label))
				}
				return tw.Flush()
			}
			m, err := ws.TypeMetadata(ctx, args[0], args[1], refresh)
			if err != nil {
				return c.explainObjectError(ctx, args[0], args[1], err)
			}
			if m.CustomFieldsError != "" {
				c.say("Custom fields could not be read: %s", msg.Clean(m.CustomFieldsError))
			}
			if asJSON {
				return writeJSON(c.env.Stdout, m)
			}
			return writeTypeMeta(c.env.Stdout, m)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&refresh, "refresh", false, "ask Workfront again instead of using the cache")
	return cmd
}

func writeTypeMeta(w io.Writer, m workfront.TypeMeta) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s (%s)\n\nFIELD\tLABEL\tTYPE\tVALUES\n", msg.Clean(m.Label), msg.Clean(m.ObjCode))
	for _, f := range m.Fields {
		typ := f.Type
		if f.Custom && len(f.Forms) > 0 {
			typ += " (custom: " + strings.Join(f.Forms, ", ") + ")"
		} else if f.Custom {
			typ += " (custom)"
		}
		var values []string
		for _, v := range f.Values {
			values = append(values, v.Value)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", msg.Clean(f.Name), msg.Clean(f.Label), msg.Clean(typ), msg.Clean(strings.Join(values, ",")))
	}
	for _, section := range []struct {
		title string
		refs  []workfront.RefMeta
	}{{"REFERENCE", m.References}, {"COLLECTION", m.Collections}} {
		if len(section.refs) == 0 {
			continue
		}
		fmt.Fprintf(tw, "\n%s\tLABEL\tTYPE\t\n", section.title)
		for _, r := range section.refs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t\n", msg.Clean(r.Name), msg.Clean(r.Label), msg.Clean(r.ObjCode))
		}
	}
	return tw.Flush()
}

// explainObjectError turns Workfront's answer for a type it does not have
// into a message that names the type and suggests close ones from the
// instance's metadata.
func (c *command) explainObjectError(ctx context.Context, name, obj string, err error) error {
	var apiErr *workfront.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 404 && !strings.Contains(apiErr.Class, "NotFound") {
		return err
	}
	ws, werr := c.workspace()
	if werr != nil {
		return err
	}
	types, terr := ws.ObjectTypes(ctx, name, false)
	if terr != nil {
		return err
	}
	for _, t := range types {
		if strings.EqualFold(t.ObjCode, obj) || strings.EqualFold(t.Name, obj) {
			return err // the type exists: Workfront's own words say what is missing
		}
	}
	var close []string
	for _, t := range types {
		if d := editDistance(strings.ToLower(obj), strings.ToLower(t.ObjCode)); d <= 2 {
			close = append(close, strings.ToLower(t.ObjCode)+" ("+t.Label+")")
		} else if d := editDistance(strings.ToLower(obj), strings.ToLower(t.Name)); d <= 2 {
			close = append(close, strings.ToLower(t.ObjCode)+" ("+t.Label+")")
		}
	}
	if len(close) == 0 {
		return msg.New("This Workfront has no object type %q; wfconnect metadata %s lists them.", obj, quoteArg(name)).Because(err)
	}
	return msg.New("This Workfront has no object type %q. Did you mean %s?", obj, strings.Join(close, ", ")).Because(err)
}

// editDistance is Levenshtein's distance, for "did you mean".
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
