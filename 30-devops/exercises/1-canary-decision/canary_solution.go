//go:build solution

package canarydecision

import (
	"errors"
	"fmt"
)

// Decide judges canary against baseline under p.
func Decide(baseline, canary Sample, p Policy) (Decision, error) {
	if err := p.validate(); err != nil {
		return Decision{}, err
	}
	for _, s := range []struct {
		name string
		s    Sample
	}{{"baseline", baseline}, {"canary", canary}} {
		if s.s.Requests < 0 || s.s.Errors < 0 || s.s.Errors > s.s.Requests {
			return Decision{}, fmt.Errorf("canary: %s has %d errors in %d requests", s.name, s.s.Errors, s.s.Requests)
		}
	}
	// The ceiling is judged over at least MinRequests: once the canary has
	// more errors than a full sample may hold, no amount of further
	// successes brings it back under, so waiting only hurts more users.
	if float64(canary.Errors) > p.MaxErrorRate*float64(max(canary.Requests, p.MinRequests)) {
		return Decision{Rollback, fmt.Sprintf("canary failed %d of %d requests, more than the ceiling of %g allows", canary.Errors, canary.Requests, p.MaxErrorRate)}, nil
	}
	if canary.Requests < p.MinRequests {
		return Decision{Inconclusive, fmt.Sprintf("canary has %d of the %d requests needed", canary.Requests, p.MinRequests)}, nil
	}
	if baseline.Requests < p.MinRequests {
		return Decision{Inconclusive, fmt.Sprintf("baseline has %d of the %d requests needed to compare", baseline.Requests, p.MinRequests)}, nil
	}
	cr := float64(canary.Errors) / float64(canary.Requests)
	br := float64(baseline.Errors) / float64(baseline.Requests)
	// Both: a ratio alone flags 0.02% vs 0.01% (noise); a difference alone
	// misses a canary at 3% next to a baseline at 0.1%.
	if cr > br*p.MaxRatio && cr-br > p.MinDifference {
		return Decision{Rollback, fmt.Sprintf("canary error rate %.4f vs baseline %.4f: a regression", cr, br)}, nil
	}
	return Decision{Promote, fmt.Sprintf("canary error rate %.4f vs baseline %.4f over %d requests", cr, br, canary.Requests)}, nil
}

func (p Policy) validate() error {
	switch {
	case p.MinRequests < 1:
		return errors.New("canary: MinRequests must be at least 1")
	case p.MaxErrorRate < 0 || p.MaxErrorRate > 1:
		return errors.New("canary: MaxErrorRate must be between 0 and 1")
	case p.MaxRatio < 1:
		return errors.New("canary: MaxRatio below 1 would roll back a canary better than the baseline")
	case p.MinDifference < 0 || p.MinDifference > 1:
		return errors.New("canary: MinDifference must be between 0 and 1")
	}
	return nil
}
