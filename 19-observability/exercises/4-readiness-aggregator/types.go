// Package readiness is exercise 4 of chapter 19: a readiness aggregator
// that asks every dependency at once, each under its own timeout, and caches
// the answer so that probes cannot stampede a database.
package readiness

import (
	"context"
	"time"
)

// DefaultTimeout is a check's timeout when its Timeout is zero or negative.
const DefaultTimeout = time.Second

// Check is one dependency of the service.
type Check struct {
	Name     string
	Critical bool          // a failing critical check makes the service not ready
	Timeout  time.Duration // how long Probe may take; DefaultTimeout if <= 0
	Probe    func(context.Context) error
}

// Status is the outcome of one check.
type Status string

const (
	StatusOK      Status = "ok"
	StatusFailed  Status = "failed"  // Probe returned an error (or panicked)
	StatusTimeout Status = "timeout" // Probe did not answer within its timeout
)

// Result is one line of a report.
type Result struct {
	Name     string
	Critical bool
	Status   Status
	Latency  time.Duration // from the start of the probe to its result or its timeout
	Err      error         // for the log; nil when Status is StatusOK
}

// Report is the aggregated answer.
type Report struct {
	Ready     bool      // every critical check is ok
	Checks    []Result  // in the order the checks were given
	CheckedAt time.Time // when the run that produced this report started
}
