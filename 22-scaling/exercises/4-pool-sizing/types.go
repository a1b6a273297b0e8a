// Package poolsizing is exercise 4 of chapter 22: size a connection pool
// with Little's law from measured throughput and latency, then build a
// bounded pool that reports how much its callers queue.
package poolsizing

import (
	"errors"
	"time"
)

// Measurement is what a load test saw: how many requests per second
// completed, and how long each held the resource being sized.
type Measurement struct {
	Throughput float64       // λ, requests per second
	Mean       time.Duration // mean holding time
	P99        time.Duration // 99th percentile holding time (nearest rank)
	Headroom   float64       // 1 to 10: the multiplier kept for bursts; Measure leaves it 0
}

// Estimate is Little's law applied to a Measurement.
type Estimate struct {
	Mean float64 // L = λ × mean: resources busy on average
	P99  float64 // λ × p99: busy when every request is as slow as the p99
	Size int     // ceil(λ × p99 × headroom), at least 1
}

// Stats is a pool's queueing report.
type Stats struct {
	Size       int           // slots
	InUse      int           // slots held now
	Waiting    int           // callers queued now
	MaxWaiting int           // the most callers ever queued at once
	Acquired   int64         // successful Acquires
	Waited     int64         // of those, how many had to queue
	WaitTime   time.Duration // total time queued by the Acquires that succeeded after queueing
	Canceled   int64         // Acquires that failed because their context ended
}

var (
	// ErrBadMeasurement: no samples, a negative sample, a non-positive
	// elapsed time, a throughput not in (0, 1e9], a non-positive Mean, P99
	// below Mean, or a headroom not in [1, 10] (NaN is in no range).
	ErrBadMeasurement = errors.New("bad measurement")
	// ErrBadSize: NewPool was given a size below 1.
	ErrBadSize = errors.New("pool size must be at least 1")
)

// The ranges Size accepts.
const (
	//lint:ignore U1000 the stub leaves it to the learner; the reference uses it
	maxThroughput = 1e9 // requests per second
	//lint:ignore U1000 the stub leaves it to the learner; the reference uses it
	maxHeadroom = 10
)
