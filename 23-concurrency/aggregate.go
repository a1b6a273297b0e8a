package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

// aggregateBudget bounds a whole aggregate request, queueing behind the
// fan-out limit included.
const aggregateBudget = time.Second

// part is one source's outcome in an aggregate response.
type part struct {
	Source string `json:"source"`
	Status string `json:"status"` // "ok" or "timeout"
	Value  string `json:"value,omitempty"`
}

// aggregate is the response of GET /aggregate.
type aggregate struct {
	Parts     []part `json:"parts"`
	Partial   bool   `json:"partial"`
	ElapsedMS int64  `json:"elapsed_ms"`
}

// sourceError says which source failed; the handler turns it into a 502.
type sourceError struct {
	source string
	err    error
}

func (e *sourceError) Error() string { return e.source + ": " + e.err.Error() }
func (e *sourceError) Unwrap() error { return e.err }

// aggregator fans one request out to several upstreams.
//
// Partial-results policy: a source that misses its own deadline is reported
// as "timeout" and the response is 200 with partial=true — lateness costs
// that part only. A source that fails cancels every other call and the whole
// response is a 502: a failure means the data is wrong, not late, and the
// other answers are not worth waiting for.
type aggregator struct {
	limit   int           // most calls in flight at once
	perCall time.Duration // deadline of each call
	stats   *stats
}

// fetch calls every named source, at most a.limit at a time, and returns
// their parts in the order of names.
func (a *aggregator) fetch(ctx context.Context, names []string, f fault) (aggregate, error) {
	start := time.Now()
	g, gctx := errgroup.WithContext(ctx) // gctx is cancelled by the first error
	g.SetLimit(a.limit)                  // g.Go blocks while limit calls are running
	parts := make([]part, len(names))    // one element per goroutine: no lock needed
	for i, name := range names {
		g.Go(func() error {
			cctx, cancel := context.WithTimeout(gctx, a.perCall)
			defer cancel()
			v, err := callUpstream(cctx, name, f)
			switch {
			case err == nil:
				parts[i] = part{Source: name, Status: "ok", Value: v}
				return nil
			case errors.Is(err, context.DeadlineExceeded) && gctx.Err() == nil:
				parts[i] = part{Source: name, Status: "timeout"} // its own deadline: partial
				return nil
			case gctx.Err() != nil && !errors.Is(err, errUpstream):
				a.stats.cancelledCalls.Add(1) // stopped because another call failed (or the budget ran out)
			}
			return &sourceError{source: name, err: err}
		})
	}
	err := g.Wait() // the first error; Wait also makes every parts[i] write visible here
	if err != nil {
		return aggregate{}, err
	}
	res := aggregate{Parts: parts, ElapsedMS: time.Since(start).Milliseconds()}
	for _, p := range parts {
		res.Partial = res.Partial || p.Status != "ok"
	}
	return res, nil
}

// knownSources checks a list of source names against the upstreams.
func knownSources(names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		if _, ok := upstreams[n]; !ok {
			return fmt.Errorf("unknown source %q; known: %v", n, upstreamOrder)
		}
		if seen[n] {
			return fmt.Errorf("source %q is listed twice", n)
		}
		seen[n] = true
	}
	return nil
}
