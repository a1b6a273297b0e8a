//go:build solution

package pipeline

import (
	"context"
	"errors"
	"sync"
)

// Generate starts a goroutine that sends next(0), next(1), … on the
// returned channel until next reports false or ctx ends, and then closes
// the channel.
func Generate[T any](ctx context.Context, next func(i int) (T, bool)) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out) // the only sender closes, once
		for i := 0; ; i++ {
			v, ok := next(i)
			if !ok {
				return
			}
			select {
			case out <- v:
			case <-ctx.Done(): // nobody may ever read again
				return
			}
		}
	}()
	return out
}

// errSinkStopped is the cancellation cause when sink asks to stop: a
// reason to stop, not an error to report.
var errSinkStopped = errors.New("pipeline: sink stopped")

// Run feeds the values of gen (through Generate) to workers goroutines that
// each apply fn (fan-out), merges their results into one stream (fan-in),
// and hands each result to sink, one at a time, on Run's own goroutine.
//
// Run returns nil when gen is exhausted and every result has been sunk, or
// when sink returns false (it is then not called again); the first error of
// fn, or ctx's error when ctx ends first. Either way it stops everything,
// and it returns only after every goroutine it started has exited.
func Run[T, R any](ctx context.Context, gen func(i int) (T, bool), workers int,
	fn func(context.Context, T) (R, error), sink func(R) bool) error {
	if workers < 1 {
		return ErrWorkers
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	in := Generate(ctx, gen)
	out := make(chan R)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for v := range in {
				r, err := fn(ctx, v)
				if err != nil {
					cancel(err) // the first cause sticks; later ones are ignored
					return
				}
				select {
				case out <- r:
				case <-ctx.Done(): // the sink stopped or something failed: do not block
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(out) // fan-in: out closes when the last worker has left
	}()

	for r := range out {
		if ctx.Err() == nil && !sink(r) {
			cancel(errSinkStopped)
		}
	}
	for range in { // out is closed, so every worker has exited; wait for the generator
	}
	if err := context.Cause(ctx); err != nil && !errors.Is(err, errSinkStopped) {
		return err
	}
	return nil
}
