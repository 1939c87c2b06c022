package cli

import (
	"context"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/journal"
	"github.com/wfconnect/wfconnect/msg"
)

// updateInput is the rows to plan, with the file's columns and rows when
// they came from one (for the results file).
type updateInput struct {
	rows    []edit.Row
	columns []string
	file    []edit.InputRow
}

// writeTarget opens the connection for a write. A read-only connection is
// refused here, before any request, unless this is only a dry run.
func (c *command) writeTarget(ctx context.Context, name, obj string, dryRun bool) (*writeTarget, error) {
	ws, err := c.workspace()
	if err != nil {
		return nil, err
	}
	p, err := ws.Profile(name)
	if err != nil {
		return nil, err
	}
	mode := edit.ModeOf(p)
	if !dryRun {
		if err := edit.CheckWritable(p.Name, mode); err != nil {
			return nil, err
		}
	}
	client, err := ws.Client(name)
	if err != nil {
		return nil, err
	}
	meta, err := ws.TypeMetadata(ctx, name, obj, false)
	if err != nil {
		return nil, c.explainObjectError(ctx, name, obj, err)
	}
	return &writeTarget{name: p.Name, obj: meta.ObjCode, mode: mode, client: client, meta: meta,
		host: p.Host, api: p.APIVersion, journal: journal.Open(ws.Dir(), p.Name), dryRun: dryRun}, nil
}

// values converts FIELD=VALUE texts by the type's metadata.
func (t *writeTarget) values(assignments []edit.Assignment) (map[string]any, error) {
	return edit.Values(t.meta, assignments)
}

func parseAssignments(texts []string) ([]edit.Assignment, error) {
	out := make([]edit.Assignment, 0, len(texts))
	for _, s := range texts {
		a, err := edit.ParseAssignment(s)
		if err != nil {
			return nil, usageError{msg: err.Error()}
		}
		out = append(out, a)
	}
	return out, nil
}

func (t *writeTarget) oneRow(id string, texts []string) (updateInput, error) {
	as, err := parseAssignments(texts)
	if err != nil {
		return updateInput{}, err
	}
	set, err := t.values(as)
	if err != nil {
		return updateInput{}, err
	}
	return updateInput{rows: []edit.Row{{ID: id, Set: set}}}, nil
}

// fileRows reads a bulk file.
func (t *writeTarget) fileRows(path string) (updateInput, error) {
	fr, err := edit.RowsFromFile(t.meta, path)
	if err != nil {
		return updateInput{}, err
	}
	return updateInput{rows: fr.Rows, columns: fr.Columns, file: fr.Input}, nil
}

// queryRows finds the objects the filters select, refusing more than --max
// before anything else is read.
func (c *command) queryRows(ctx context.Context, t *writeTarget, opts *updateOptions) (updateInput, error) {
	as, err := parseAssignments(opts.Set)
	if err != nil {
		return updateInput{}, err
	}
	set, err := t.values(as)
	if err != nil {
		return updateInput{}, err
	}
	s, err := searchOf(t.obj, opts.Where, nil, nil)
	if err != nil {
		return updateInput{}, err
	}
	rows, err := edit.RowsFromQuery(ctx, t.client, t.obj, s.Filters, set, opts.Max)
	if edit.IsTooMany(err) {
		return updateInput{}, msg.New("%v Use --max.", err).Because(err)
	}
	return updateInput{rows: rows}, err
}
