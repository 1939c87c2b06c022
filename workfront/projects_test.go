package workfront

import (
	"context"
	"time"
)

// The project tests read rows through the generic path (Search, Count,
// All with Query.Search's preset) into this typed view, so that they can
// compare dates, numbers and names as values.

// Project is a project row read off an Object, for the tests.
type Project struct {
	ID, Name, Status, OwnerName, Description string
	PlannedStart, PlannedCompletion          time.Time
	PercentComplete                          float64
	// Extra holds the fields beyond the preset's, as the Object has them.
	Extra map[string]any
}

type projectPage struct {
	Projects     []Project
	First, Limit int
}

// presetKeys are the keys the preset's fields come back under.
var presetKeys = map[string]bool{"ID": true, "objCode": true, "name": true, "status": true, "plannedStartDate": true,
	"plannedCompletionDate": true, "percentComplete": true, "description": true, "owner": true}

func projectOf(o Object) Project {
	p := Project{ID: o.ID(), Name: o.Name(), Status: o.Text("status"), OwnerName: o.Text("owner:name"), Description: o.Text("description")}
	p.PlannedStart, _ = o.Time("plannedStartDate")
	p.PlannedCompletion, _ = o.Time("plannedCompletionDate")
	p.PercentComplete, _ = o.Number("percentComplete")
	for k, v := range o {
		if !presetKeys[k] {
			if p.Extra == nil {
				p.Extra = map[string]any{}
			}
			p.Extra[k] = v
		}
	}
	return p
}

func searchProjects(c *Client, ctx context.Context, q Query) (projectPage, error) {
	s := q.Search()
	rows, err := c.Search(ctx, s)
	page := projectPage{First: s.First, Limit: s.Limit}
	for _, o := range rows {
		page.Projects = append(page.Projects, projectOf(o))
	}
	return page, err
}

func countProjects(c *Client, ctx context.Context, q Query) (int, error) {
	return c.Count(ctx, "PROJ", q.Search().Filters)
}

func allProjectRows(c *Client, ctx context.Context, q Query, each func(Project) error) error {
	s := q.Search()
	if q.Limit <= 0 {
		s.Limit = MaxLimit
	}
	return c.All(ctx, s, func(o Object) error { return each(projectOf(o)) })
}
