//go:build solution

package atomicreload

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// snapshot pairs a configuration with its version, so that a reader gets
// both from one atomic load and can never see one without the other.
type snapshot[T any] struct {
	value   T
	version uint64
}

// Reloader holds the configuration in use and replaces it on reload.
type Reloader[T any] struct {
	cur      atomic.Pointer[snapshot[T]]
	status   atomic.Pointer[Status]
	load     Loader[T]
	validate Validator[T]
	mu       sync.Mutex    // one reload at a time; readers never take it
	pending  chan struct{} // capacity 1: the coalesced "reload again"
}

// New loads and validates the first configuration; it fails rather than
// start with an invalid one.
func New[T any](ctx context.Context, load Loader[T], validate Validator[T]) (*Reloader[T], error) {
	r := &Reloader[T]{load: load, validate: validate, pending: make(chan struct{}, 1)}
	v, err := r.loadValid(ctx)
	if err != nil {
		return nil, err
	}
	r.cur.Store(&snapshot[T]{value: v, version: 1})
	r.status.Store(&Status{Version: 1})
	return r, nil
}

func (r *Reloader[T]) loadValid(ctx context.Context) (T, error) {
	v, err := r.load(ctx)
	if err != nil {
		return v, fmt.Errorf("loading configuration: %w", err)
	}
	if err := r.validate(v); err != nil {
		return v, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return v, nil
}

// Current returns the configuration in use and its version. It never waits.
func (r *Reloader[T]) Current() (T, uint64) {
	s := r.cur.Load()
	return s.value, s.version
}

// Reload loads, validates and only then swaps; on failure it keeps the
// configuration in use, records why, and returns the error.
func (r *Reloader[T]) Reload(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	st := *r.status.Load()
	v, err := r.loadValid(ctx)
	if err != nil {
		st.Rejected++
		st.LastError = err
		r.status.Store(&st)
		return err
	}
	st.Version++
	st.Reloads++
	st.LastError = nil
	r.cur.Store(&snapshot[T]{value: v, version: st.Version})
	r.status.Store(&st)
	return nil
}

// Status reports the version in use and the reload counts. It never waits
// for a reload in progress.
func (r *Reloader[T]) Status() Status { return *r.status.Load() }

// Trigger asks Run for a reload and returns at once; requests made while a
// reload runs are coalesced into one more.
func (r *Reloader[T]) Trigger() {
	select {
	case r.pending <- struct{}{}:
	default: // a reload is already pending: it will read the newest files
	}
}

// Run reloads once per coalesced Trigger until ctx is done.
func (r *Reloader[T]) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.pending:
			_ = r.Reload(ctx) // the error is in Status
		}
	}
}
