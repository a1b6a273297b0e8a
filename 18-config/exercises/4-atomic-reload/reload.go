//go:build !solution

package atomicreload

import (
	"context"
	"errors"
)

var errNotImplemented = errors.New("not implemented: edit exercises/4-atomic-reload/reload.go")

// Reloader holds the configuration in use and replaces it on reload.
type Reloader[T any] struct{}

// New loads and validates the first configuration; it fails rather than
// start with an invalid one. not implemented: edit exercises/4-atomic-reload/reload.go
func New[T any](ctx context.Context, load Loader[T], validate Validator[T]) (*Reloader[T], error) {
	return nil, errNotImplemented
}

// Current returns the configuration in use and its version. It never waits.
func (r *Reloader[T]) Current() (T, uint64) {
	var zero T
	return zero, 0
}

// Reload loads, validates and only then swaps; on failure it keeps the
// configuration in use, records why, and returns the error.
func (r *Reloader[T]) Reload(ctx context.Context) error { return errNotImplemented }

// Status reports the version in use and the reload counts. It never waits
// for a reload in progress.
func (r *Reloader[T]) Status() Status { return Status{} }

// Trigger asks Run for a reload and returns at once; requests made while a
// reload runs are coalesced into one more.
func (r *Reloader[T]) Trigger() {}

// Run reloads once per coalesced Trigger until ctx is done.
func (r *Reloader[T]) Run(ctx context.Context) {}
