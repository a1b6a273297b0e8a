// Package circuitbreaker is exercise 4 of chapter 17: a circuit breaker
// (closed, open, half-open) built from scratch, safe for concurrent use.
package circuitbreaker

import (
	"errors"
	"fmt"
	"time"
)

// State is where the breaker is.
type State int

const (
	Closed   State = iota // calls pass; consecutive failures are counted
	Open                  // calls are refused with ErrOpen until OpenTimeout has passed
	HalfOpen              // a few probe calls pass; their results decide
)

func (s State) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	case HalfOpen:
		return "half-open"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// ErrOpen is what Do returns, without calling op, when the breaker refuses
// a call: it is open, or half-open with every probe slot taken.
var ErrOpen = errors.New("circuit breaker is open")

// Settings configures a Breaker.
type Settings struct {
	// FailureThreshold consecutive failures in Closed open the breaker;
	// less than 1 means 1.
	FailureThreshold int
	// OpenTimeout is how long the breaker stays Open before it lets probes
	// through (HalfOpen).
	OpenTimeout time.Duration
	// HalfOpenProbes is how many calls may run at once in HalfOpen, and how
	// many consecutive successes close the breaker; less than 1 means 1.
	HalfOpenProbes int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnStateChange, when set, is called once per transition, after the
	// breaker's lock is released (so it may call State).
	OnStateChange func(from, to State)
}
