package main

import (
	"context"
	"fmt"
	"net"
	"sync"
	"syscall"
)

// analytics is an in-process fake of a remote view-count service, whose
// failures can be switched on to watch retries, the breaker and the
// fallback work. Its errors read like a real client's (a SQL statement, an
// address, a syscall error): text that must reach the log, never a client.
type analytics struct {
	mu    sync.Mutex
	mode  string // "up", "down", "flaky" or "slow"
	calls int    // every call, for tests and the flaky pattern
	views map[int]int
}

// analyticsModes are the modes setMode accepts.
var analyticsModes = []string{"up", "down", "flaky", "slow"}

func newAnalytics(mode string) *analytics {
	return &analytics{mode: mode, views: map[int]int{}}
}

func (a *analytics) setMode(m string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.mode = m
}

func (a *analytics) state() (mode string, calls int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.mode, a.calls
}

// Views returns the view count of an article and counts this call as a
// view. "down" refuses every call, "flaky" fails two calls out of three,
// "slow" answers only when ctx is done (with ctx's error).
func (a *analytics) Views(ctx context.Context, id int) (int, error) {
	a.mu.Lock()
	a.calls++
	mode, n := a.mode, a.calls
	a.mu.Unlock()
	switch {
	case mode == "slow":
		<-ctx.Done()
		return 0, fmt.Errorf("analytics: SELECT count(*) FROM views WHERE article_id = %d: %w", id, ctx.Err())
	case mode == "down", mode == "flaky" && n%3 != 0:
		return 0, fmt.Errorf("analytics: SELECT count(*) FROM views WHERE article_id = %d: %w", id, &net.OpError{
			Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 7), Port: 5432}, Err: syscall.ECONNREFUSED,
		})
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.views[id]++
	return 1000*id + a.views[id], nil
}
