package main

import "sync/atomic"

// stats are the server's counters. Each is an atomic.Int64: one machine
// instruction per increment, no lock, safe from every goroutine. A snapshot
// reads each counter atomically but not all of them at one instant — fine
// for monitoring, wrong for invariants between counters.
type stats struct {
	aggregateRequests atomic.Int64
	cancelledCalls    atomic.Int64
	poolJobs          atomic.Int64
	profileRequests   atomic.Int64
	profileFetches    atomic.Int64
	renderServed      atomic.Int64
	renderRejected    atomic.Int64
	transfers         atomic.Int64
}

// statsSnapshot is the JSON of GET /stats.
type statsSnapshot struct {
	AggregateRequests int64 `json:"aggregate_requests"`
	CancelledCalls    int64 `json:"cancelled_calls"`
	PoolJobs          int64 `json:"pool_jobs"`
	ProfileRequests   int64 `json:"profile_requests"`
	ProfileFetches    int64 `json:"profile_fetches"`
	RenderServed      int64 `json:"render_served"`
	RenderRejected    int64 `json:"render_rejected"`
	Transfers         int64 `json:"transfers"`
}

func (s *stats) snapshot() statsSnapshot {
	return statsSnapshot{
		AggregateRequests: s.aggregateRequests.Load(),
		CancelledCalls:    s.cancelledCalls.Load(),
		PoolJobs:          s.poolJobs.Load(),
		ProfileRequests:   s.profileRequests.Load(),
		ProfileFetches:    s.profileFetches.Load(),
		RenderServed:      s.renderServed.Load(),
		RenderRejected:    s.renderRejected.Load(),
		Transfers:         s.transfers.Load(),
	}
}
