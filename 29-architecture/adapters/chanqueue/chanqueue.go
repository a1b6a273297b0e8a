// Package chanqueue is the Queue port as a buffered channel and one worker
// goroutine: the in-process stand-in for RabbitMQ (chapter 16). Like a real
// broker adapter it carries the trace with the message, so the worker's
// hops land in the request's trace.
package chanqueue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"workbook/29-architecture/domain"
	"workbook/29-architecture/trace"
)

// ErrClosed is Publish after Stop.
var ErrClosed = errors.New("queue closed")

type message struct {
	job   domain.Job
	trace *trace.Trace // a broker adapter would send a traceparent header
}

// Queue is safe for concurrent use.
type Queue struct {
	jobs   chan message
	logger *slog.Logger
	done   chan struct{}

	mu     sync.RWMutex
	closed bool
}

// New returns a queue holding up to capacity jobs. Nothing consumes them
// until Start: the service needs the queue before the worker can be given
// the service's Fulfil, and Start breaks that cycle.
func New(capacity int, logger *slog.Logger) *Queue {
	return &Queue{jobs: make(chan message, capacity), logger: logger, done: make(chan struct{})}
}

// Start runs handle for each job on one worker goroutine until Stop.
func (q *Queue) Start(handle func(context.Context, domain.Job) error) {
	go func() {
		defer close(q.done)
		for m := range q.jobs {
			ctx := trace.NewContext(context.Background(), m.trace)
			trace.Record(ctx, "worker", "took job for order "+m.job.OrderID)
			if err := handle(ctx, m.job); err != nil {
				q.logger.Warn("job failed", "order", m.job.OrderID, "err", err)
			}
		}
	}()
}

// Publish implements ports.Queue. A full queue blocks until ctx is done:
// the caller's deadline decides how long "slow" may be.
func (q *Queue) Publish(ctx context.Context, job domain.Job) error {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.closed {
		return ErrClosed
	}
	trace.Record(ctx, "queue", "publish order "+job.OrderID) // before the worker can see it
	select {
	case q.jobs <- message{job: job, trace: trace.FromContext(ctx)}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("queue full: %w", ctx.Err())
	}
}

// Stop refuses new jobs and waits, until ctx is done, for the worker to
// finish the ones queued. Call it after Start, once.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	q.closed = true
	close(q.jobs)
	q.mu.Unlock()
	select {
	case <-q.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("queue: %d jobs not drained: %w", len(q.jobs), ctx.Err())
	}
}
