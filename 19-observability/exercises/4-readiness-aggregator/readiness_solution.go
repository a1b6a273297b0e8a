//go:build solution

package readiness

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Aggregator runs checks and caches their report for a TTL.
type Aggregator struct {
	ttl    time.Duration
	checks []Check

	mu       sync.Mutex
	last     *Report       // the latest report, nil before the first run
	inFlight chan struct{} // closed when the running run has stored its report; nil when none runs
}

// New returns an Aggregator over checks whose reports are reused for ttl
// (0: never reused).
func New(ttl time.Duration, checks ...Check) *Aggregator {
	return &Aggregator{ttl: ttl, checks: slices.Clone(checks)}
}

// Check returns a report: the cached one while it is younger than the TTL,
// else the result of one concurrent run of every check, shared by every
// caller that asks while that run is in progress.
func (a *Aggregator) Check(ctx context.Context) Report {
	a.mu.Lock()
	if a.last != nil && time.Since(a.last.CheckedAt) < a.ttl {
		r := a.copyLast()
		a.mu.Unlock()
		return r
	}
	if wait := a.inFlight; wait != nil {
		a.mu.Unlock()
		<-wait
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.copyLast()
	}
	done := make(chan struct{})
	a.inFlight = done
	a.mu.Unlock()

	// The run serves every waiting caller, so one caller leaving must not
	// cancel it; each probe's own timeout bounds it.
	r := a.run(context.WithoutCancel(ctx))

	a.mu.Lock()
	a.last, a.inFlight = &r, nil
	out := a.copyLast()
	a.mu.Unlock()
	close(done)
	return out
}

// copyLast returns the cached report with its own Checks slice, so that a
// caller changing it cannot change what the next caller gets.
func (a *Aggregator) copyLast() Report {
	r := *a.last
	r.Checks = slices.Clone(r.Checks)
	return r
}

// run probes every check concurrently and aggregates the results.
func (a *Aggregator) run(ctx context.Context) Report {
	r := Report{Ready: true, Checks: make([]Result, len(a.checks)), CheckedAt: time.Now()}
	var wg sync.WaitGroup
	for i, c := range a.checks {
		wg.Go(func() { r.Checks[i] = probe(ctx, c) })
	}
	wg.Wait()
	for _, res := range r.Checks {
		if res.Critical && res.Status != StatusOK {
			r.Ready = false
		}
	}
	return r
}

// probe runs one check under its timeout. It returns at the deadline even
// when Probe ignores its context and keeps running.
func probe(ctx context.Context, c Check) Result {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	answer := make(chan error, 1) // buffered: a late probe does not block forever
	go func() {
		defer func() {
			if p := recover(); p != nil {
				answer <- fmt.Errorf("check %s panicked: %v", c.Name, p)
			}
		}()
		answer <- c.Probe(ctx)
	}()
	var err error
	select {
	case err = <-answer:
	case <-ctx.Done():
		err = ctx.Err()
	}
	res := Result{Name: c.Name, Critical: c.Critical, Status: StatusOK, Latency: time.Since(start), Err: err}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		res.Status = StatusTimeout
	case err != nil:
		res.Status = StatusFailed
	}
	return res
}
