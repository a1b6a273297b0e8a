//go:build !solution

package racefix

import (
	"sync"
	"time"
)

// not implemented: edit exercises/1-race-fix/stats.go — this collector was
// written for one goroutine and is used from many. It has a mutex, and it
// still races. Fix Record and Snapshot; keep New's signature.

// Collector counts requests. It must be safe for concurrent use.
type Collector struct {
	mu         sync.Mutex
	onRecord   func(Event)
	requests   int64
	errors     int64
	maxLatency time.Duration
	byRoute    map[string]int64
}

// New returns an empty collector. onRecord, when not nil, is called once
// for every Record (an exporter, a log line); it may take its time.
func New(onRecord func(Event)) *Collector {
	return &Collector{onRecord: onRecord, byRoute: map[string]int64{}}
}

// Record counts one request.
func (c *Collector) Record(e Event) {
	c.requests++
	if e.Status >= 500 {
		c.errors++
	}
	if e.Latency > c.maxLatency {
		c.maxLatency = e.Latency
	}
	c.mu.Lock()
	n := c.byRoute[e.Route]
	c.mu.Unlock()
	if c.onRecord != nil {
		c.onRecord(e)
	}
	c.mu.Lock()
	c.byRoute[e.Route] = n + 1
	c.mu.Unlock()
}

// Snapshot returns the counts so far.
func (c *Collector) Snapshot() Snapshot {
	return Snapshot{Requests: c.requests, Errors: c.errors, MaxLatency: c.maxLatency, ByRoute: c.byRoute}
}
