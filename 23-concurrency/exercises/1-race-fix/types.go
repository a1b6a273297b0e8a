// Package racefix is exercise 1 of chapter 23: a request-stats collector
// with planted races, to be made safe for concurrent use.
package racefix

import "time"

// Event is one served request.
type Event struct {
	Route   string
	Status  int
	Latency time.Duration
}

// Snapshot is the collector's state at one moment. It belongs to whoever
// asked for it: later Records must not change it, and changing it must not
// change the collector.
type Snapshot struct {
	Requests   int64            // every Record
	Errors     int64            // Records with Status >= 500
	MaxLatency time.Duration    // the largest Latency recorded
	ByRoute    map[string]int64 // Records per Route
}
