//go:build !solution

package balancers

import "errors"

var errNotImplemented = errors.New("not implemented: edit exercises/1-balancers/balancers.go")

// RoundRobin hands out healthy backends in list order, in turn.
type RoundRobin struct{}

// NewRoundRobin returns a RoundRobin over backends, all healthy.
func NewRoundRobin(backends []Backend) (*RoundRobin, error) { return nil, errNotImplemented }

// Next returns the name of the next healthy backend.
func (b *RoundRobin) Next() (string, error) { return "", errNotImplemented }

// SetHealthy marks a backend healthy or not.
func (b *RoundRobin) SetHealthy(name string, healthy bool) error { return errNotImplemented }

// LeastConnections hands out the healthy backend with the fewest requests
// in flight.
type LeastConnections struct{}

// NewLeastConnections returns a LeastConnections over backends, all healthy and idle.
func NewLeastConnections(backends []Backend) (*LeastConnections, error) {
	return nil, errNotImplemented
}

// Acquire picks a backend and counts a request in flight on it; release
// ends that request.
func (b *LeastConnections) Acquire() (name string, release func(), err error) {
	return "", func() {}, errNotImplemented
}

// InFlight reports the requests in flight on name (0 for an unknown name).
func (b *LeastConnections) InFlight(name string) int { return -1 }

// SetHealthy marks a backend healthy or not.
func (b *LeastConnections) SetHealthy(name string, healthy bool) error { return errNotImplemented }

// SmoothWeighted is nginx's smooth weighted round-robin.
type SmoothWeighted struct{}

// NewSmoothWeighted returns a SmoothWeighted over backends, all healthy.
func NewSmoothWeighted(backends []Backend) (*SmoothWeighted, error) { return nil, errNotImplemented }

// Next returns the name of the next backend.
func (b *SmoothWeighted) Next() (string, error) { return "", errNotImplemented }

// SetHealthy marks a backend healthy or not.
func (b *SmoothWeighted) SetHealthy(name string, healthy bool) error { return errNotImplemented }
