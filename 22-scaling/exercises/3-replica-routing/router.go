//go:build !solution

package replicarouting

import (
	"errors"
	"time"
)

var errNotImplemented = errors.New("not implemented: edit exercises/3-replica-routing/router.go")

// Router routes reads and writes. It is safe for concurrent use.
type Router struct{}

// New returns a Router; every replica starts healthy with no lag.
func New(cfg Config) (*Router, error) { return nil, errNotImplemented }

// Write routes a write by session ("" is a session-less write).
func (r *Router) Write(session string) Choice { return Choice{} }

// Read routes a read by session.
func (r *Router) Read(session string) Choice { return Choice{} }

// SetReplica records a replica's health and replication lag.
func (r *Router) SetReplica(name string, healthy bool, lag time.Duration) error {
	return errNotImplemented
}

// Sessions is how many sessions are still inside their read-your-writes window.
func (r *Router) Sessions() int { return -1 }
