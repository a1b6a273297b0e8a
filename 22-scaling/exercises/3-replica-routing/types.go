// Package replicarouting is exercise 3 of chapter 22: send writes to the
// primary and reads to replicas, with read-your-writes per session and a
// fall-back to the primary when no replica is fit to answer.
package replicarouting

import (
	"errors"
	"time"
)

// Config describes the database nodes and the routing policy.
type Config struct {
	Primary  string
	Replicas []string
	// RYWWindow: after a session writes, its reads go to the primary for
	// this long (read-your-writes).
	RYWWindow time.Duration
	// MaxLag: a replica further behind than this is not read from.
	MaxLag time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Reason says why a read went where it went.
type Reason string

const (
	ToReplica     Reason = "replica"          // an eligible replica, in turn
	ReadYourWrite Reason = "read-your-writes" // the session wrote less than RYWWindow ago
	NoReplica     Reason = "no-replica"       // no replica is healthy with lag within MaxLag
	ToPrimary     Reason = "write"            // every write
)

// Choice is where one statement goes.
type Choice struct {
	Node   string
	Reason Reason
}

var (
	// ErrConfig: no primary, an empty or repeated node name, or a negative duration.
	ErrConfig = errors.New("bad router config")
	// ErrUnknownNode: SetReplica named no replica.
	ErrUnknownNode = errors.New("unknown replica")
	// ErrBadLag: SetReplica was given a negative lag.
	ErrBadLag = errors.New("negative lag")
)
