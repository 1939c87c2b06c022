package workfront

import (
	"context"
	"errors"
	"time"
)

// Retry is one answer the client is about to retry: a 429 (Workfront's
// "too many concurrent requests"), a 5xx, a cut-off answer or a network
// error (Status 0).
type Retry struct {
	Status int           // the HTTP status, or 0 when no answer came
	Wait   time.Duration // how long the client waits first (Retry-After, or the backoff)
	Err    error
}

type retryKey struct{}

// WithRetryNotify returns a context whose requests call fn before each
// retry, so that a caller running many requests (an export) can slow down
// when Workfront says it is busy. fn may be called from several goroutines
// at once.
func WithRetryNotify(ctx context.Context, fn func(Retry)) context.Context {
	return context.WithValue(ctx, retryKey{}, fn)
}

func notifyRetry(ctx context.Context, err error, wait time.Duration) {
	fn, _ := ctx.Value(retryKey{}).(func(Retry))
	if fn == nil {
		return
	}
	r := Retry{Wait: wait, Err: err}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		r.Status = apiErr.Status
	}
	fn(r)
}
