package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/wfconnect/wfconnect/workfront"
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

func (c *command) projects(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("projects", flag.ContinueOnError)
	statuses := fs.String("status", "", "")
	limit := fs.Int("limit", 100, "")
	all := fs.Bool("all", false, "")
	asJSON := fs.Bool("json", false, "")
	sort := fs.String("sort", "name", "")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) < 1 || len(positional) > 2 {
		return usagef("projects needs a connection name and at most one search text")
	}
	if *limit < 1 || *limit > 2000 {
		return usagef("--limit must be between 1 and 2000 (Workfront's page limit); use --all for everything")
	}
	name := positional[0]
	q := workfront.Query{Limit: *limit, SortField: *sort}
	if len(positional) == 2 {
		q.Text = positional[1]
	}
	if *statuses != "" {
		for _, s := range strings.Split(*statuses, ",") {
			if s = strings.ToUpper(strings.TrimSpace(s)); s != "" {
				q.Statuses = append(q.Statuses, s)
			}
		}
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	p, err := ws.Profile(name)
	if err != nil {
		return err
	}
	client, err := ws.Client(name)
	if err != nil {
		return err
	}
	var rows []workfront.Project
	if *all {
		q.Limit = 0
		err = client.AllProjects(ctx, q, func(pr workfront.Project) error {
			rows = append(rows, pr)
			return nil
		})
	} else {
		var page workfront.Page
		page, err = client.SearchProjects(ctx, q)
		rows = page.Projects
	}
	if err != nil {
		return withLoginHint(err, name)
	}
	if *asJSON {
		out := make([]projectJSON, 0, len(rows))
		for _, r := range rows {
			out = append(out, projectJSON{
				ID: r.ID, Name: r.Name, Status: r.Status, Owner: r.OwnerName,
				PlannedCompletionDate: isoDate(r), PercentComplete: r.PercentComplete,
				URL: workfront.ProjectURL(p.Host, r.ID),
			})
		}
		return writeJSON(c.env.Stdout, out)
	}
	if len(rows) == 0 {
		fmt.Fprintln(c.env.Stderr, "No projects match.")
		return nil
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tOWNER\tPLANNED COMPLETION\t% DONE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, workfront.StatusName(r.Status),
			dash(r.OwnerName), dash(workfront.LocalDate(r.PlannedCompletion)), strconv.FormatFloat(r.PercentComplete, 'f', -1, 64))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !*all && len(rows) == q.Limit {
		fmt.Fprintf(c.env.Stderr, "Showing the first %d; use --all for every project, or --limit N.\n", len(rows))
	}
	return nil
}

func isoDate(p workfront.Project) string {
	if p.PlannedCompletion.IsZero() {
		return ""
	}
	return p.PlannedCompletion.Format("2006-01-02T15:04:05Z07:00")
}
