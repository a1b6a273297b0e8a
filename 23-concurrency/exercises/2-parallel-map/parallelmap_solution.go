//go:build solution

package parallelmap

import (
	"context"
	"sync"
)

// Map calls fn on every element of in, at most limit calls at a time, and
// returns the results in the order of in. The first error fn returns
// cancels the context the other calls got, starts no further call, and is
// what Map returns (with nil results). When ctx ends first, Map returns its
// error. Map returns only after every call it started has returned.
func Map[T, R any](ctx context.Context, limit int, in []T, fn func(context.Context, T) (R, error)) ([]R, error) {
	if limit < 1 {
		return nil, ErrInvalidLimit
	}
	// The cause of the cancellation is the first error: later errors (often
	// just "context canceled" from the calls we stopped) cannot replace it.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	out := make([]R, len(in))           // each call writes only its own index
	slots := make(chan struct{}, limit) // a token per call in flight
	var wg sync.WaitGroup
	for i, v := range in {
		select {
		case slots <- struct{}{}: // wait for a free slot…
		case <-ctx.Done(): // …or for a reason to stop
		}
		if ctx.Err() != nil {
			break // an error or the caller cancelled: start nothing more
		}
		wg.Go(func() {
			r, err := fn(ctx, v)
			if err != nil {
				cancel(err) // before freeing the slot: the loop then sees it
			} else {
				out[i] = r
			}
			<-slots
		})
	}
	wg.Wait() // every started call has returned: no goroutine outlives Map
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	return out, nil
}
