package workfront

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"strings"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// Writes, as Workfront's "API basics" documents them: PUT <obj>/<ID> with
// updates={…} changes one object and answers its new state; PUT <obj>
// with updates=[{"ID":…},…] changes at most 100, with atomic=true all or
// none. Both go as a POST with method=PUT and the parameters in the form
// body, never in the URL (Workfront's CDN caps URIs near 8.9 KB). Top-level
// updates are sparse, but a collection or nested object is replaced whole.
//
// A write is retried only when Workfront certainly did not apply it: on a
// 429 (with Retry-After or the backoff, as reads are) and, after a token
// refresh, on a 401. A 5xx, a network error or a cut-off answer after it
// was sent leaves its outcome unknown: the error then matches
// ErrOutcomeUnknown and the caller must read the object again to know.

// MaxBulk is the most objects one UpdateMany call may change: Workfront's limit.
const MaxBulk = 100

// ErrOutcomeUnknown marks a write whose outcome Workfront did not confirm:
// it may or may not have been applied (errors.Is finds it). Workfront's own
// error, when there was one, is still reachable with errors.As(*APIError).
var ErrOutcomeUnknown = errors.New("the outcome of the write is unknown")

// writeCall is what a write changes, for the words of an unknown outcome.
type writeCall struct {
	objCode, id string
	n           int // the objects of a bulk update; 0 for one object
}

// unknown is err as an unknown outcome.
func (w *writeCall) unknown(err error) error {
	if w.n == 0 {
		return msg.New("Workfront did not confirm the change to %s %s: %v. It may or may not have been applied; reload to see.", w.objCode, w.id, err).WithKind(ErrOutcomeUnknown).Because(err)
	}
	return msg.New("Workfront did not confirm the changes to %d %s objects: %v. They may or may not have been applied; reload to see.", w.n, w.objCode, err).WithKind(ErrOutcomeUnknown).Because(err)
}

// Update changes fields of one object (objCode as Get takes it) and
// returns its new state as Workfront answers it, with fields when given
// (else Workfront's default fields). Values go as JSON: strings, numbers,
// bools, nil to clear; a time.Time is written in Workfront's date format
// (the zero time clears). A refusal is Workfront's *APIError (nothing was
// changed); an unconfirmed outcome matches ErrOutcomeUnknown.
func (c *Client) Update(ctx context.Context, objCode, id string, updates map[string]any, fields []string) (Object, error) {
	path, err := objPath(objCode)
	if err != nil {
		return nil, err
	}
	if id == "" || strings.ContainsAny(id, "/?#") {
		return nil, msg.New("%q is not a Workfront ID.", id)
	}
	if len(updates) == 0 {
		return nil, msg.New("Nothing to change on %s %s.", objCode, id)
	}
	raw, err := json.Marshal(wireValues(updates))
	if err != nil {
		return nil, fmt.Errorf("the updates for %s %s: %w", objCode, id, err)
	}
	params := []param{{"updates", string(raw)}}
	if len(fields) > 0 {
		params = append(params, param{"fields", strings.Join(fields, ",")})
	}
	w := &writeCall{objCode: objCode, id: id}
	var body objectAnswer
	if err := c.send(ctx, call{path: path + "/" + url.PathEscape(id), params: params, write: w}, &body); err != nil {
		return nil, err
	}
	if body.Data == nil {
		return nil, w.unknown(msg.New("Workfront's answer for %s %s carried no object.", objCode, id))
	}
	return body.Data, nil
}

// UpdateMany changes several objects of one type in one call: each map
// carries the object's "ID" and its fields' new values (as Update takes
// them). At most MaxBulk; more, or a map without an ID, is refused before
// anything is sent.
//
// Without atomic it returns each object's new state, in order. With
// atomic, Workfront applies all or none and answers only success: the
// objects are nil, and so is the error when all were applied.
//
// When Workfront refuses one object of a batch that is not atomic, what it
// did with the others is not documented (it may have applied those before
// it): the error then matches ErrOutcomeUnknown as well as carrying
// Workfront's *APIError. A refused atomic batch, or a batch of one, was
// not applied.
func (c *Client) UpdateMany(ctx context.Context, objCode string, updates []map[string]any, atomic bool) ([]Object, error) {
	path, err := objPath(objCode)
	if err != nil {
		return nil, err
	}
	switch {
	case len(updates) == 0:
		return nil, msg.New("Nothing to change on %s.", objCode)
	case len(updates) > MaxBulk:
		return nil, msg.New("Workfront takes at most %d objects per update; this batch has %d.", MaxBulk, len(updates))
	}
	items := make([]map[string]any, len(updates))
	for k, u := range updates {
		if id, _ := u["ID"].(string); id == "" {
			return nil, msg.New("Object %d of the batch has no ID.", k+1)
		}
		items[k] = wireValues(u)
	}
	raw, err := json.Marshal(items)
	if err != nil {
		return nil, fmt.Errorf("the updates for %d %s objects: %w", len(items), objCode, err)
	}
	params := []param{{"updates", string(raw)}}
	if atomic {
		params = append(params, param{"atomic", "true"})
	}
	w := &writeCall{objCode: objCode, n: len(items)}
	cl := call{path: path, params: params, write: w}
	if atomic {
		var body successAnswer
		if err := c.send(ctx, cl, &body); err != nil {
			return nil, err
		}
		if !body.succeeded() {
			return nil, w.unknown(msg.New("Workfront's answer to an atomic update did not say it succeeded."))
		}
		return nil, nil
	}
	var body objectsAnswer
	err = c.send(ctx, cl, &body)
	var apiErr *APIError
	if len(items) > 1 && errors.As(err, &apiErr) && !errors.Is(err, ErrOutcomeUnknown) && apiErr.Status != 429 && !IsUnauthenticated(err) {
		return nil, msg.New("Workfront refused an object of the batch of %d %s objects: %v. Workfront does not document whether it changed the objects before it; reload to see.", len(items), objCode, err).WithKind(ErrOutcomeUnknown).Because(err)
	}
	if err != nil {
		return nil, err
	}
	return body.Data, nil
}

// successAnswer is an atomic update's answer: {"data":{"success":true}}.
type successAnswer struct {
	Data  json.RawMessage `json:"data"`
	Error *wireError      `json:"error"`
}

func (a *successAnswer) apiError() *wireError { return a.Error }

// succeeded reads the answer: success true, or (the shape is only
// sketched in Workfront's documentation) data without success false.
func (a *successAnswer) succeeded() bool {
	var d struct {
		Success *bool `json:"success"`
	}
	if len(a.Data) == 0 || json.Unmarshal(a.Data, &d) != nil {
		return len(a.Data) > 0 && string(a.Data) != "null"
	}
	return d.Success == nil || *d.Success
}

// wireValues is updates with time.Time values in Workfront's date format.
func wireValues(updates map[string]any) map[string]any {
	out := maps.Clone(updates)
	for k, v := range out {
		if t, ok := v.(time.Time); ok {
			if t.IsZero() {
				out[k] = nil
			} else {
				out[k] = FormatDate(t)
			}
		}
	}
	return out
}
