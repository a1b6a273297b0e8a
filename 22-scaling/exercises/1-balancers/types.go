// Package balancers is exercise 1 of chapter 22: the three classic ways a
// load balancer picks a backend — round-robin, least-connections and
// smooth weighted round-robin — with unhealthy backends skipped.
package balancers

import "errors"

// Backend is one upstream. Weight matters only to SmoothWeighted.
type Backend struct {
	Name   string
	Weight int
}

var (
	// ErrNoBackends: a constructor was given an empty list.
	ErrNoBackends = errors.New("no backends")
	// ErrBadBackend: a constructor was given an empty or duplicate name,
	// or (SmoothWeighted) a weight below 1.
	ErrBadBackend = errors.New("bad backend")
	// ErrUnknownBackend: SetHealthy was given a name it does not hold.
	ErrUnknownBackend = errors.New("unknown backend")
	// ErrNoHealthy: every backend is marked unhealthy.
	ErrNoHealthy = errors.New("no healthy backend")
)
