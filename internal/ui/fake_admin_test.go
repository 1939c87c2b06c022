package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/usage"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// fakeAdmin is the admin tools' part of the fake backend: two instances'
// custom forms compared by the real compare package, canned field usage,
// and event subscriptions kept in memory per connection (the real ones
// are tested against wfsim over HTTP in the workfront and cli packages).
type fakeAdmin struct {
	mu       sync.Mutex
	forms    map[string][]workfront.CustomForm
	usage    []usage.Field
	subs     map[string][]workfront.Subscription
	subsErr  error
	nextID   int
	requests []string // "POST name", "DELETE name id", in order
	compared []string // what was compared, "forms a b"
}

func (b *fakeBackend) CompareForms(ctx context.Context, a, x string) ([]compare.Node, error) {
	f := &b.admin
	f.mu.Lock()
	defer f.mu.Unlock()
	f.compared = append(f.compared, "forms "+a+" "+x)
	return compare.Forms(f.forms[a], f.forms[x]), nil
}

func (b *fakeBackend) CompareTypes(ctx context.Context, a, x string) ([]compare.Node, error) {
	return nil, errors.New("object types are not faked")
}

func (b *fakeBackend) CompareVersions(ctx context.Context, name, va, vb string) ([]compare.Node, error) {
	f := &b.admin
	f.mu.Lock()
	defer f.mu.Unlock()
	f.compared = append(f.compared, "versions "+name+" "+va+" "+vb)
	return compare.Types([]workfront.ObjectType{{ObjCode: "PROJ", Name: "Project"}},
		[]workfront.ObjectType{{ObjCode: "PROJ", Name: "Project"}, {ObjCode: "EVNT", Name: "Event"}}, nil, nil), nil
}

func (b *fakeBackend) CompareObjects(ctx context.Context, a, x, objCode, idA, idB string) ([]compare.Node, error) {
	return compare.Objects(workfront.Object{"ID": idA, "name": "One", "status": "CUR"},
		workfront.Object{"ID": idB, "name": "One", "status": "PLN"}), nil
}

func (b *fakeBackend) FieldUsage(ctx context.Context, name, objCode string, customOnly bool, progress func(done, total int)) ([]usage.Field, error) {
	b.admin.mu.Lock()
	fields := slices.Clone(b.admin.usage)
	b.admin.mu.Unlock()
	for i := range fields {
		progress(i+1, len(fields))
	}
	return fields, ctx.Err()
}

func (b *fakeBackend) SubscriptionClient(name string) (workspace.SubscriptionClient, error) {
	return fakeSubscriptions{f: &b.admin, name: name}, nil
}

// fakeSubscriptions is one connection's subscriptions in the fake.
type fakeSubscriptions struct {
	f    *fakeAdmin
	name string
}

func (s fakeSubscriptions) Subscriptions(ctx context.Context) ([]workfront.Subscription, error) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	return slices.Clone(s.f.subs[s.name]), s.f.subsErr
}

func (s fakeSubscriptions) CreateSubscription(ctx context.Context, sub workfront.Subscription) (string, error) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.requests = append(s.f.requests, "POST "+s.name)
	for _, have := range s.f.subs[s.name] {
		if workfront.SameSubscription(have, sub) {
			return "", workfront.ErrSubscriptionExists
		}
	}
	s.f.nextID++
	sub.ID = "sub-" + strconv.Itoa(s.f.nextID)
	if s.f.subs == nil {
		s.f.subs = map[string][]workfront.Subscription{}
	}
	s.f.subs[s.name] = append(s.f.subs[s.name], sub)
	return sub.ID, nil
}

func (s fakeSubscriptions) DeleteSubscription(ctx context.Context, id string) error {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.requests = append(s.f.requests, "DELETE "+s.name+" "+id)
	list := s.f.subs[s.name]
	i := slices.IndexFunc(list, func(x workfront.Subscription) bool { return x.ID == id })
	if i < 0 {
		return workfront.ErrSubscriptionNotFound
	}
	s.f.subs[s.name] = slices.Delete(list, i, i+1)
	return nil
}

// adminRequests are the subscription writes the fake received.
func (b *fakeBackend) adminRequests() []string {
	b.admin.mu.Lock()
	defer b.admin.mu.Unlock()
	return slices.Clone(b.admin.requests)
}
