package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// compareObjects compares two objects of type obj field by field, custom
// fields too. args are NAME_A [NAME_B] ID_A [ID_B].
func (c *command) compareObjects(ctx context.Context, ws *workspace.Workspace, obj string, args []string) (comparison, error) {
	nameA, nameB, idA, idB := objectArgs(ws, args)
	ca, cb, err := ws.ClientPair(nameA, nameB)
	if err != nil {
		return comparison{}, err
	}
	objCode, custom, err := c.customFieldsOf(ctx, ws, obj, nameA, nameB)
	if err != nil {
		return comparison{}, err
	}
	nodes, err := compare.ReadObjects(ctx, ca, cb, objCode, idA, idB, custom)
	if err != nil {
		return comparison{}, err
	}
	got := comparison{nodes: nodes, nameA: nameA, nameB: nameB, objects: true}
	if nameA == nameB { // one connection: the IDs tell the sides apart
		got.nameA, got.nameB = idA, idB
	}
	return got, nil
}

// objectArgs reads NAME_A [NAME_B] ID_A [ID_B]. Of three, the middle one
// is NAME_B when it names a saved connection, else ID_A.
func objectArgs(ws *workspace.Workspace, args []string) (nameA, nameB, idA, idB string) {
	switch len(args) {
	case 2:
		return args[0], args[0], args[1], args[1]
	case 4:
		return args[0], args[1], args[2], args[3]
	}
	if _, err := ws.Profile(args[1]); err == nil {
		return args[0], args[1], args[2], args[2]
	}
	return args[0], args[0], args[1], args[2]
}

// customFieldsOf is obj's objCode and its custom fields on either
// connection (from the metadata cache), each refusal explained.
func (c *command) customFieldsOf(ctx context.Context, ws *workspace.Workspace, obj, nameA, nameB string) (string, []string, error) {
	var metas []workfront.TypeMeta
	names := []string{nameA}
	if nameB != nameA {
		names = append(names, nameB)
	}
	for _, name := range names {
		meta, err := ws.TypeMetadata(ctx, name, obj, false)
		if err != nil {
			return "", nil, c.explainObjectError(ctx, name, obj, err)
		}
		if meta.CustomFieldsError != "" {
			c.say("Custom fields could not be read: %s", msg.Clean(meta.CustomFieldsError))
		}
		metas = append(metas, meta)
	}
	return metas[0].ObjCode, workspace.CustomFieldNames(metas...), nil
}

// writeSideBySide writes a line per field: its name, its value in a and
// in b (cut, as explore's cells are), and whether they are the same.
func (c *command) writeSideBySide(nodes []compare.Node, a, b string) error {
	w := tabwriter.NewWriter(c.env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\t\n", c.tr("FIELD"), cell(a), cell(b))
	for _, n := range nodes {
		state := c.tr("same")
		switch n.State {
		case compare.Different:
			state = c.tr("different")
		case compare.OnlyA:
			state = fmt.Sprintf(c.tr("only in %s"), cell(a))
		case compare.OnlyB:
			state = fmt.Sprintf(c.tr("only in %s"), cell(b))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", cell(n.Name), cell(n.A), cell(n.B), state)
	}
	return w.Flush()
}
