package workspace

import (
	"context"
	"fmt"
	"slices"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/usage"
	"github.com/wfconnect/wfconnect/workfront"
)

// ClientPair opens two connections' clients, each error naming its
// connection.
func (w *Workspace) ClientPair(a, b string) (compare.Instance, compare.Instance, error) {
	ca, err := w.Client(a)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", a, err)
	}
	cb, err := w.Client(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", b, err)
	}
	return ca, cb, nil
}

// CompareForms reads both connections' custom forms, fresh, and compares
// them.
func (w *Workspace) CompareForms(ctx context.Context, a, b string) ([]compare.Node, error) {
	ca, cb, err := w.ClientPair(a, b)
	if err != nil {
		return nil, err
	}
	return compare.ReadForms(ctx, ca, cb, a, b)
}

// CompareTypes reads both connections' object types and their metadata,
// fresh (a cached copy could hide the very change a release brings), and
// compares them.
func (w *Workspace) CompareTypes(ctx context.Context, a, b string) ([]compare.Node, error) {
	ca, cb, err := w.ClientPair(a, b)
	if err != nil {
		return nil, err
	}
	return compare.ReadTypes(ctx, ca, cb, a, b)
}

// CompareObjects reads one object of a type from each connection (idA
// from a, idB from b), with every custom field either connection's type
// has, and compares them field by field.
func (w *Workspace) CompareObjects(ctx context.Context, a, b, objCode, idA, idB string) ([]compare.Node, error) {
	ca, cb, err := w.ClientPair(a, b)
	if err != nil {
		return nil, err
	}
	var metas []workfront.TypeMeta
	for _, name := range slices.Compact([]string{a, b}) {
		meta, err := w.TypeMetadata(ctx, name, objCode, false)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		metas = append(metas, meta)
	}
	return compare.ReadObjects(ctx, ca, cb, metas[0].ObjCode, idA, idB, CustomFieldNames(metas...))
}

// CustomFieldNames are the custom fields of any of the types' metadata,
// each once, in the order first seen: two objects are read with all of
// them, and a field an object lacks is left out of its answer.
func CustomFieldNames(metas ...workfront.TypeMeta) []string {
	var out []string
	for _, m := range metas {
		for _, f := range m.Fields {
			if f.Custom && !slices.Contains(out, f.Name) {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// FieldUsage counts, for each field of a type (its custom fields only
// when customOnly), the objects that have a value; progress hears each
// count done.
func (w *Workspace) FieldUsage(ctx context.Context, name, objCode string, customOnly bool, progress func(done, total int)) ([]usage.Field, error) {
	meta, err := w.TypeMetadata(ctx, name, objCode, false)
	if err != nil {
		return nil, err
	}
	client, err := w.Client(name)
	if err != nil {
		return nil, err
	}
	return usage.Count(ctx, client, meta.ObjCode, usage.Countable(meta, customOnly), progress)
}

// SubscriptionClient is what the app asks of Workfront's event
// subscriptions; the app checks the write mode it shows (a production
// connection may be unlocked for the session) before each write.
type SubscriptionClient interface {
	Subscriptions(ctx context.Context) ([]workfront.Subscription, error)
	CreateSubscription(ctx context.Context, s workfront.Subscription) (string, error)
	DeleteSubscription(ctx context.Context, id string) error
}

// SubscriptionClient returns the connection's event-subscription client.
func (w *Workspace) SubscriptionClient(name string) (SubscriptionClient, error) {
	return w.Client(name)
}

// CompareVersions reads a connection's object types and metadata at two
// API versions, fresh, and compares them: what a version adds or removes.
func (w *Workspace) CompareVersions(ctx context.Context, name, versionA, versionB string) ([]compare.Node, error) {
	ca, err := w.ClientAt(name, versionA)
	if err != nil {
		return nil, err
	}
	cb, err := w.ClientAt(name, versionB)
	if err != nil {
		return nil, err
	}
	return compare.ReadTypes(ctx, ca, cb, name+" "+versionA, name+" "+versionB)
}
