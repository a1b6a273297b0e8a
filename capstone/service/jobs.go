package service

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Job is one unit of background work: search indexing, an email. Key names
// the effect (the article to index, the user to welcome), so a handler can
// make a repeated delivery — after a crash, a retry — repeat no effect.
type Job struct {
	Kind    string          `json:"kind"`
	Key     string          `json:"key"`
	Payload json.RawMessage `json:"payload,omitempty"`
	Attempt int             `json:"attempt"` // 1 on the first delivery
}

// JobHandler does a job. A nil error acks it; an error retries it after the
// queue's next delay, until the attempts run out, and then dead-letters it;
// an error wrapping ErrPermanent dead-letters it at once.
type JobHandler func(ctx context.Context, j Job) error

// ErrPermanent marks a failure no retry can fix (a malformed job).
var ErrPermanent = errors.New("permanent failure")

// JobQueue is the port of a job queue: RabbitMQ (AMQP_URL) or in process
// (the default), with the same semantics — at-least-once delivery, retry
// with increasing delays, a dead-letter queue — and one contract suite
// (jobtest).
type JobQueue interface {
	// Publish enqueues j durably (the broker confirmed it) and returns.
	Publish(ctx context.Context, j Job) error
	// Run delivers jobs to h until ctx is done, then returns nil after the
	// jobs in hand are finished.
	Run(ctx context.Context, h JobHandler) error
}

// DefaultRetryDelays are the waits before the 2nd, 3rd, 4th and 5th attempt.
var DefaultRetryDelays = []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute}

// Handlers routes jobs to a handler per Kind; an unknown kind is permanent.
type Handlers map[string]JobHandler

// Handle is a JobHandler over the map.
func (hs Handlers) Handle(ctx context.Context, j Job) error {
	h, ok := hs[j.Kind]
	if !ok {
		return errors.Join(ErrPermanent, errors.New("no handler for job kind "+j.Kind))
	}
	return h(ctx, j)
}
