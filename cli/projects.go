package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// projectJSON is one row of `projects --json`.
type projectJSON struct {
	ID                    string  `json:"ID"`
	Name                  string  `json:"name"`
	Status                string  `json:"status"`
	Owner                 string  `json:"owner,omitempty"`
	PlannedCompletionDate string  `json:"plannedCompletionDate,omitempty"`
	PercentComplete       float64 `json:"percentComplete"`
	URL                   string  `json:"url"`
}

// projectsOptions are what projects was given.
type projectsOptions struct {
	Name string
	// Text is the search text; "" finds every project.
	Text     string
	Statuses string // --status as typed: codes or names, separated by commas
	Sort     string
	Limit    int
	All      bool
	JSON     bool
}

func (c *command) projectsCmd() *cobra.Command {
	var opts projectsOptions
	cmd := &cobra.Command{
		Use:   "projects NAME [QUERY] [--status CUR,PLN] [--limit N] [--all] [--json]",
		Short: "Search a connection's projects",
		Long: `Search a connection's projects by name. --status takes status codes or names,
separated by commas: ` + statusList(workfront.Statuses()) + `, or the instance's own.`,
		Example: `  wfconnect projects acme
  wfconnect projects acme launch --status CUR,PLN
  wfconnect projects acme --status "current,on hold" --all --json`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("projects needs a connection name and at most one search text")
			}
			opts.Name = args[0]
			if len(args) == 2 {
				opts.Text = args[1]
			}
			return c.runProjects(cmd.Context(), &opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Statuses, "status", "", "only these statuses: codes or names, separated by commas")
	f.IntVar(&opts.Limit, "limit", 100, "at most this many projects (1 to 2000)")
	f.BoolVar(&opts.All, "all", false, "every project, page after page")
	f.BoolVar(&opts.JSON, "json", false, "print JSON")
	f.StringVar(&opts.Sort, "sort", "name", "the field to sort by")
	return cmd
}

func (c *command) runProjects(ctx context.Context, opts *projectsOptions) error {
	if opts.Limit < 1 || opts.Limit > 2000 {
		return usagef("--limit must be between 1 and 2000 (Workfront's page limit); use --all for everything")
	}
	q := workfront.Query{Limit: opts.Limit, SortField: opts.Sort, Text: opts.Text}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	if opts.Statuses != "" {
		if q.Statuses, err = c.statusCodes(ctx, ws, opts.Name, opts.Statuses); err != nil {
			return err
		}
	}
	p, err := ws.Profile(opts.Name)
	if err != nil {
		return err
	}
	client, err := ws.Client(opts.Name)
	if err != nil {
		return err
	}
	rows, err := findProjects(ctx, client, q, opts.All)
	if err != nil {
		return withLoginHint(err, opts.Name)
	}
	if opts.JSON {
		return writeJSON(c.env.Stdout, toProjectsJSON(rows, p.Host))
	}
	if len(rows) == 0 {
		c.say("No projects match.")
		return nil
	}
	if err := c.printProjects(rows); err != nil {
		return err
	}
	if !opts.All && len(rows) == opts.Limit {
		c.say("Showing the first %d; use --all for every project, or --limit N.", len(rows))
	}
	return nil
}

// findProjects runs the query: one page, or with all every page.
// Projects are the generic search's preset (Query.Search).
func findProjects(ctx context.Context, client *workfront.Client, q workfront.Query, all bool) ([]workfront.Object, error) {
	if !all {
		return client.Search(ctx, q.Search())
	}
	q.Limit = workfront.MaxLimit
	var rows []workfront.Object
	err := client.All(ctx, q.Search(), func(o workfront.Object) error {
		rows = append(rows, o)
		return nil
	})
	return rows, err
}

func toProjectsJSON(rows []workfront.Object, host string) []projectJSON {
	out := make([]projectJSON, 0, len(rows))
	for _, r := range rows {
		percent, _ := r.Number("percentComplete")
		out = append(out, projectJSON{
			ID: r.ID(), Name: r.Name(), Status: r.Text("status"), Owner: r.Text("owner:name"),
			PlannedCompletionDate: isoDate(r), PercentComplete: percent,
			URL: workfront.ProjectURL(host, r.ID()),
		})
	}
	return out
}

// printProjects writes the projects for people, as a table.
func (c *command) printProjects(rows []workfront.Object) error {
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tOWNER\tPLANNED COMPLETION\t% DONE")
	for _, r := range rows {
		due, _ := r.Time("plannedCompletionDate")
		percent, _ := r.Number("percentComplete")
		printText(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID(), r.Name(), workfront.StatusName(r.Text("status")),
			dash(r.Text("owner:name")), dash(workfront.LocalDate(due)), strconv.FormatFloat(percent, 'f', -1, 64))
	}
	return tw.Flush()
}

func isoDate(p workfront.Object) string {
	due, ok := p.Time("plannedCompletionDate")
	if !ok {
		return ""
	}
	return due.Format("2006-01-02T15:04:05Z07:00")
}

// statusCodes reads --status: Workfront's status codes or their names, in
// any case, separated by commas. A status that is not a built-in one is
// looked up in the instance's project metadata, which lists its custom
// statuses too (read only then, so the usual case costs no request).
func (c *command) statusCodes(ctx context.Context, ws *workspace.Workspace, name, list string) ([]string, error) {
	var codes []string
	var custom []workfront.StatusCode
	fetched := false
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		code, ok := statusCode(s, workfront.Statuses())
		if !ok && !fetched {
			fetched = true
			meta, err := ws.TypeMetadata(ctx, name, "PROJ", false)
			if err != nil {
				return nil, withLoginHint(err, name)
			}
			custom = metadataStatuses(meta)
		}
		if !ok {
			code, ok = statusCode(s, custom)
		}
		if !ok {
			return nil, msg.New("--status: %q is not a project status of this Workfront. Use a code or a name: %s.", s, statusList(append(workfront.Statuses(), custom...)))
		}
		codes = append(codes, code)
	}
	return codes, nil
}

// metadataStatuses are the project statuses the instance's metadata lists.
func metadataStatuses(meta workfront.TypeMeta) []workfront.StatusCode {
	var out []workfront.StatusCode
	for _, f := range meta.Fields {
		if f.Name != "status" {
			continue
		}
		for _, v := range f.Values {
			out = append(out, workfront.StatusCode{Code: v.Value, Name: v.Label})
		}
	}
	return out
}

func statusCode(s string, known []workfront.StatusCode) (string, bool) {
	for _, st := range known {
		if strings.EqualFold(s, st.Code) || strings.EqualFold(squash(s), squash(st.Name)) {
			return st.Code, true
		}
	}
	return "", false
}

// squash drops what people put between words: "On Hold", "on-hold", "onhold".
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '_' {
			return -1
		}
		return r
	}, s)
}

// statusList is "CUR (Current), PLN (Planning), …", each code once.
func statusList(known []workfront.StatusCode) string {
	var parts []string
	seen := map[string]bool{}
	for _, st := range known {
		if !seen[st.Code] {
			seen[st.Code] = true
			parts = append(parts, st.Code+" ("+st.Name+")")
		}
	}
	return strings.Join(parts, ", ")
}
