package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/workfront"
)

// The report command: Workfront's report action, groups and aggregates.

func (c *command) reportCmd() *cobra.Command {
	var groupBy string
	var aggs []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "report NAME OBJ --group-by FIELD [--agg FUNC:FIELD]... [FILTER...] [--json]",
		Short: "Count and aggregate objects by group, with Workfront's report action",
		Long: `Group the objects of one type that the filters match by a field (a
reference's field too, like owner:name or project:name) and count each group;
each --agg FUNC:FIELD adds an aggregate, FUNC being sum, avg, min, max, count
or dcount (distinct values). The total over all groups comes last.

--json prints an array with one object per group, {"group": "CUR", "count": 12,
"sum_hours": 40.5, …}, and the total as the last object, with "group": null.
A group of objects without a value is "". Where the field's values have names
(status codes), the object also carries "label".`,
		Example: `  wfconnect report acme proj --group-by status
  wfconnect report acme hour --group-by project:name --agg sum:hours --json
  wfconnect report acme optask status=NEW --group-by enteredBy:name
  wfconnect report acme task --group-by assignedTo:name --agg sum:workRequired --agg avg:percentComplete`,
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(groupBy) == "" {
				return usagef("report needs --group-by FIELD, like --group-by status or --group-by owner:name")
			}
			s, err := searchOf(args[1], args[2:], nil, nil)
			if err != nil {
				return err
			}
			q := workfront.ReportQuery{ObjCode: s.ObjCode, GroupBy: strings.TrimSpace(groupBy), Filters: s.Filters, Rollup: true}
			for _, a := range aggs {
				agg, err := workfront.ParseAgg(a)
				if err != nil {
					return usageError{msg: "--agg: " + err.Error()}
				}
				q.Aggs = append(q.Aggs, agg)
			}
			return c.report(cmd.Context(), args[0], q, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&groupBy, "group-by", "", "the field to group by (status, owner:name, project:name, DE:Risk)")
	f.StringArrayVar(&aggs, "agg", nil, "an aggregate FUNC:FIELD (sum:hours, avg:percentComplete, dcount:owner:name); repeat for more")
	f.BoolVar(&asJSON, "json", false, "print a JSON array: one object per group, then the total")
	return cmd
}

func (c *command) report(ctx context.Context, name string, q workfront.ReportQuery, asJSON bool) error {
	client, err := c.client(name)
	if err != nil {
		return err
	}
	rep, err := client.Report(ctx, q)
	if err != nil {
		return c.explainObjectError(ctx, name, q.ObjCode, err)
	}
	label := c.valueLabels(ctx, name, q)
	if asJSON {
		return writeReportJSON(c.env.Stdout, rep, label)
	}
	if len(rep.Groups) == 0 {
		c.say("Nothing matches.")
		return nil
	}
	return c.writeReportTable(c.env.Stdout, rep, label)
}

// valueLabels names the group values when the metadata lists names for
// them (status codes); without metadata, values stay as they are.
func (c *command) valueLabels(ctx context.Context, name string, q workfront.ReportQuery) func(string) string {
	same := func(v string) string { return v }
	if strings.Contains(q.GroupBy, ":") {
		return same
	}
	ws, err := c.workspace()
	if err != nil {
		return same
	}
	meta, err := ws.TypeMetadata(ctx, name, q.ObjCode, false)
	if err != nil {
		return same
	}
	return func(v string) string { return meta.ValueLabel(q.GroupBy, v) }
}

// reportColumns are the aggregate keys in the order asked, count first.
func reportColumns(q workfront.ReportQuery) []workfront.Agg {
	cols := []workfront.Agg{}
	seen := map[string]bool{"count_ID": true}
	for _, a := range q.Aggs {
		if !seen[a.Key()] {
			seen[a.Key()] = true
			cols = append(cols, a)
		}
	}
	return cols
}

// writeReportJSON writes the groups, then the total with "group": null,
// keys in a fixed order: group, label, count, then the aggregates.
func writeReportJSON(w io.Writer, rep workfront.Report, label func(string) string) error {
	cols := reportColumns(rep.Query)
	var b strings.Builder
	b.WriteString("[")
	one := func(g workfront.ReportGroup, total bool) {
		if b.Len() > 1 {
			b.WriteString(",")
		}
		b.WriteString("\n  {\"group\": ")
		if total {
			b.WriteString("null")
		} else {
			v, _ := json.Marshal(g.Value)
			b.Write(v)
			if l := label(g.Value); l != g.Value {
				v, _ := json.Marshal(l)
				b.WriteString(", \"label\": ")
				b.Write(v)
			}
		}
		if g.Count >= 0 {
			b.WriteString(", \"count\": " + strconv.Itoa(g.Count))
		}
		for _, a := range cols {
			k, _ := json.Marshal(a.Key())
			b.WriteString(", ")
			b.Write(k)
			b.WriteString(": ")
			if v, ok := g.Agg(a); ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
				b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
			} else {
				b.WriteString("null")
			}
		}
		b.WriteString("}")
	}
	for _, g := range rep.Groups {
		one(g, false)
	}
	if rep.Total != nil {
		one(*rep.Total, true)
	}
	if len(rep.Groups) == 0 && rep.Total == nil {
		b.WriteString("]\n")
	} else {
		b.WriteString("\n]\n")
	}
	_, err := w.Write(jsonSafe([]byte(b.String())))
	return err
}

func (c *command) writeReportTable(w io.Writer, rep workfront.Report, label func(string) string) error {
	cols := reportColumns(rep.Query)
	head := []string{strings.ToUpper(rep.Query.GroupBy), "COUNT"}
	for _, a := range cols {
		head = append(head, strings.ToUpper(a.Key()))
	}
	table := [][]string{head}
	row := func(name string, g workfront.ReportGroup) {
		cells := []string{name, "-"}
		if g.Count >= 0 {
			cells[1] = strconv.Itoa(g.Count)
		}
		for _, a := range cols {
			v, ok := g.Agg(a)
			cells = append(cells, tableNumber(v, ok))
		}
		table = append(table, cells)
	}
	for _, g := range rep.Groups {
		name := g.Value
		if name == "" {
			name = c.tr("(none)")
		} else if l := label(name); l != name {
			name += " (" + l + ")"
		}
		row(cell(name), g)
	}
	if rep.Total != nil {
		row(c.tr("Total"), *rep.Total)
	}
	// The numbers are right-aligned (ASCII, so padding by bytes is
	// right); tabwriter aligns the group's names, whatever their script.
	for col := 1; col < len(head); col++ {
		width := 0
		for _, r := range table {
			width = max(width, len(r[col]))
		}
		for _, r := range table {
			r[col] = strings.Repeat(" ", width-len(r[col])) + r[col]
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range table {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// tableNumber shows a whole number as one, anything else with at most two
// decimals.
func tableNumber(v float64, ok bool) string {
	switch {
	case !ok || math.IsNaN(v) || math.IsInf(v, 0):
		return "-"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
}
