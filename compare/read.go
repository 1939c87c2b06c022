package compare

import (
	"context"
	"fmt"
	"sync"

	"github.com/wfconnect/wfconnect/workfront"
)

// Instance is what a comparison reads from one connection: a Workfront
// client satisfies it.
type Instance interface {
	CustomForms(ctx context.Context) ([]workfront.CustomForm, error)
	ObjectTypes(ctx context.Context) ([]workfront.ObjectType, error)
	TypeMetadata(ctx context.Context, objCode string) (workfront.TypeMeta, error)
	Get(ctx context.Context, objCode, id string, fields []string) (workfront.Object, error)
}

// maxInFlight is how many metadata requests go to one instance at once:
// the export's cap, which keeps Workfront's 429s away.
const maxInFlight = 4

// ReadForms reads both instances' custom forms at once and compares them.
// nameA and nameB name the instances in errors.
func ReadForms(ctx context.Context, a, b Instance, nameA, nameB string) ([]Node, error) {
	fa, fb, err := both(
		func() ([]workfront.CustomForm, error) { return a.CustomForms(ctx) },
		func() ([]workfront.CustomForm, error) { return b.CustomForms(ctx) }, nameA, nameB)
	if err != nil {
		return nil, err
	}
	return Forms(fa, fb), nil
}

// ReadTypes reads both instances' object types and each type's metadata,
// fresh, and compares them. Two API versions of one connection compare
// the same way: the instances are then two clients of other versions.
func ReadTypes(ctx context.Context, a, b Instance, nameA, nameB string) ([]Node, error) {
	ta, tb, err := both(
		func() (typesOf, error) { return readTypes(ctx, a) },
		func() (typesOf, error) { return readTypes(ctx, b) }, nameA, nameB)
	if err != nil {
		return nil, err
	}
	return Types(ta.types, tb.types, ta.meta, tb.meta), nil
}

// ReadObjects reads one object from each instance (idA from a, idB from
// b), every field, and compares them field by field. custom names the
// custom fields to ask for besides the built-in ones ("*").
func ReadObjects(ctx context.Context, a, b Instance, objCode, idA, idB string, custom []string) ([]Node, error) {
	fields := append([]string{"*"}, custom...)
	oa, ob, err := both(
		func() (workfront.Object, error) { return a.Get(ctx, objCode, idA, fields) },
		func() (workfront.Object, error) { return b.Get(ctx, objCode, idB, fields) }, idA, idB)
	if err != nil {
		return nil, err
	}
	return Objects(oa, ob), nil
}

// both runs readA and readB at once.
func both[T any](readA, readB func() (T, error), nameA, nameB string) (T, T, error) {
	var ra, rb T
	var ea, eb error
	var wg sync.WaitGroup
	wg.Go(func() { ra, ea = readA() })
	wg.Go(func() { rb, eb = readB() })
	wg.Wait()
	if ea != nil {
		return ra, rb, fmt.Errorf("%s: %w", nameA, ea)
	}
	if eb != nil {
		return ra, rb, fmt.Errorf("%s: %w", nameB, eb)
	}
	return ra, rb, nil
}

// typesOf is an instance's object types and the metadata of each.
type typesOf struct {
	types []workfront.ObjectType
	meta  map[string]workfront.TypeMeta
}

// readTypes reads every type's metadata, maxInFlight requests at a time.
func readTypes(ctx context.Context, x Instance) (typesOf, error) {
	out := typesOf{meta: map[string]workfront.TypeMeta{}}
	var err error
	if out.types, err = x.ObjectTypes(ctx); err != nil {
		return out, err
	}
	var mu sync.Mutex
	var first error
	slots := make(chan struct{}, maxInFlight)
	var wg sync.WaitGroup
	for _, t := range out.types {
		wg.Go(func() {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-slots }()
			m, err := x.TypeMetadata(ctx, t.ObjCode)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && first == nil {
				first = err
			}
			out.meta[t.ObjCode] = m
		})
	}
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return out, first
}
