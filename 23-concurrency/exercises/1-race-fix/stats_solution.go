//go:build solution

package racefix

import (
	"maps"
	"sync"
	"time"
)

// Collector counts requests. It is safe for concurrent use: one mutex guards
// every field, and each Record is one critical section.
type Collector struct {
	onRecord func(Event) // set once in New, then only read: no lock needed

	mu         sync.Mutex
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
	c.mu.Lock()
	c.requests++
	if e.Status >= 500 {
		c.errors++
	}
	if e.Latency > c.maxLatency {
		c.maxLatency = e.Latency
	}
	c.byRoute[e.Route]++
	c.mu.Unlock()
	// The hook runs outside the lock: it may be slow, and it may call back
	// into the collector (Snapshot) — either would stall or deadlock Records.
	if c.onRecord != nil {
		c.onRecord(e)
	}
}

// Snapshot returns a copy of the counts so far.
func (c *Collector) Snapshot() Snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Snapshot{
		Requests:   c.requests,
		Errors:     c.errors,
		MaxLatency: c.maxLatency,
		ByRoute:    maps.Clone(c.byRoute), // the caller's own map, not ours
	}
}
