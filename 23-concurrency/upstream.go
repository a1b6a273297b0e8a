package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// errUpstream is what a failing fake upstream returns. Its text stays in the
// log; the client gets a detail written for it.
var errUpstream = errors.New("upstream answered 500")

// upstreams are the fake services the aggregator calls, with how long each
// takes to answer. They stand in for HTTP calls to other services: each
// waits on a timer or on its context, exactly as a network call waits on its
// socket or its deadline.
var upstreams = map[string]time.Duration{
	"profile":         50 * time.Millisecond,
	"articles":        120 * time.Millisecond,
	"comments":        80 * time.Millisecond,
	"tags":            30 * time.Millisecond,
	"recommendations": 200 * time.Millisecond,
}

// upstreamOrder is the order the aggregator calls and reports them in.
var upstreamOrder = []string{"profile", "articles", "comments", "tags", "recommendations"}

// slowLatency is how long a source asked to be slow takes: far beyond any
// sensible per-call deadline.
const slowLatency = 5 * time.Second

// fault makes a fake upstream misbehave, so the README can show each policy.
type fault struct {
	fail map[string]bool // answers with an error after half its latency
	slow map[string]bool // takes slowLatency
}

// callUpstream "calls" one source: it answers after the source's latency
// unless ctx ends first, and then it returns ctx's error — the behaviour of
// every well-written client.
func callUpstream(ctx context.Context, name string, f fault) (string, error) {
	d := upstreams[name]
	if f.slow[name] {
		d = slowLatency
	}
	if f.fail[name] {
		d /= 2
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case <-t.C:
	}
	if f.fail[name] {
		return "", fmt.Errorf("%s: %w", name, errUpstream)
	}
	return fmt.Sprintf("%s data (%s)", name, d), nil
}
