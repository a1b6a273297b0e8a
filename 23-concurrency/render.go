package main

import (
	"context"
	"time"

	"golang.org/x/sync/semaphore"
)

// renderWait is how long a render request queues for capacity before the
// server answers 503: waiting a little smooths bursts, waiting long only
// piles up requests a client has probably given up on.
const renderWait = 50 * time.Millisecond

// renderCost is the time one unit of weight takes to render.
const renderCost = 100 * time.Millisecond

// renderer runs an expensive operation under a weighted semaphore: a request
// of weight w holds w of the capacity while it runs.
type renderer struct {
	sem      *semaphore.Weighted
	capacity int64
	stats    *stats
}

func newRenderer(capacity int64, st *stats) *renderer {
	return &renderer{sem: semaphore.NewWeighted(capacity), capacity: capacity, stats: st}
}

// errBusy means the capacity did not free up within renderWait.
type errBusy struct{}

func (errBusy) Error() string { return "render capacity is full" }

// render waits at most renderWait for weight units, then works for
// weight*renderCost. Waiting with a deadline is what keeps a full semaphore
// from turning into an ever-growing queue of blocked handlers.
func (r *renderer) render(ctx context.Context, weight int64) (time.Duration, error) {
	actx, cancel := context.WithTimeout(ctx, renderWait)
	defer cancel()
	if err := r.sem.Acquire(actx, weight); err != nil {
		r.stats.renderRejected.Add(1)
		if ctx.Err() != nil {
			return 0, ctx.Err() // the client went away while queued
		}
		return 0, errBusy{}
	}
	defer r.sem.Release(weight)
	d := time.Duration(weight) * renderCost
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-t.C:
		r.stats.renderServed.Add(1)
		return d, nil
	}
}
