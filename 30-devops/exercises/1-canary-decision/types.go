// Package canarydecision is exercise 1 of chapter 30: decide whether a
// canary release is promoted, rolled back, or left running for more data,
// from the error counts of the canary and of the stable baseline.
package canarydecision

// Sample is what one version served during the observation window.
type Sample struct {
	Requests int64
	Errors   int64 // requests answered with a 5xx; never more than Requests
}

// Policy is the release gate.
type Policy struct {
	// MinRequests is how many requests each side needs before the rates
	// mean anything (at least 1).
	MinRequests int64
	// MaxErrorRate is the canary's absolute ceiling (0 to 1), whatever the
	// baseline does.
	MaxErrorRate float64
	// MaxRatio (at least 1) and MinDifference (0 to 1) define a
	// regression: the canary's rate is more than MaxRatio times the
	// baseline's AND more than MinDifference above it.
	MaxRatio      float64
	MinDifference float64
}

// Verdict is the outcome of a decision.
type Verdict int

const (
	Inconclusive Verdict = iota // keep the canary running and look again later
	Promote                     // roll the canary out to everyone
	Rollback                    // take the canary away now
)

func (v Verdict) String() string {
	switch v {
	case Promote:
		return "promote"
	case Rollback:
		return "rollback"
	}
	return "inconclusive"
}

// Decision is a verdict with the reason a human reads in the pipeline log.
type Decision struct {
	Verdict Verdict
	Reason  string
}
