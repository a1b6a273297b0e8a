// Package inprocess is the default job queue: jobs wait in memory and are
// run by workers of this process, with the semantics of the RabbitMQ
// adapter — retries after increasing delays, then a dead-letter list — and
// the same contract suite (jobtest). What it cannot give is durability: a
// job queued or being retried when the process stops is lost. Configure
// AMQP_URL for that.
package inprocess

import (
	"context"
	"errors"
	"sync"
	"time"

	"workbook/capstone/service"
)

// Queue is an in-memory job queue. The zero value is not usable; call New.
type Queue struct {
	delays  []time.Duration
	workers int
	jobs    chan service.Job

	mu      sync.Mutex
	dead    []service.Job
	pending int // published or waiting for a retry, not yet acked or dead
	idle    *sync.Cond
	stopped bool
}

var _ service.JobQueue = (*Queue)(nil)

// New returns a queue of at most capacity waiting jobs, run by workers
// goroutines, retrying after delays (nil: service.DefaultRetryDelays).
func New(capacity, workers int, delays []time.Duration) *Queue {
	if delays == nil {
		delays = service.DefaultRetryDelays
	}
	q := &Queue{delays: delays, workers: max(workers, 1), jobs: make(chan service.Job, max(capacity, 1))}
	q.idle = sync.NewCond(&q.mu)
	return q
}

// ErrFull is Publish's answer when capacity jobs are waiting.
var ErrFull = errors.New("inprocess: queue full")

// Publish enqueues j as its first attempt; it does not block.
func (q *Queue) Publish(_ context.Context, j service.Job) error {
	j.Attempt = 1
	q.mu.Lock()
	defer q.mu.Unlock()
	select {
	case q.jobs <- j:
		q.pending++
		return nil
	default:
		return ErrFull
	}
}

// Run runs workers until ctx is done.
func (q *Queue) Run(ctx context.Context, h service.JobHandler) error {
	var wg sync.WaitGroup
	for range q.workers {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case j := <-q.jobs:
					q.finish(ctx, j, h(context.WithoutCancel(ctx), j))
				}
			}
		})
	}
	wg.Wait()
	q.mu.Lock()
	q.stopped = true
	q.idle.Broadcast()
	q.mu.Unlock()
	return nil
}

// finish acks, schedules a retry, or dead-letters j after an attempt.
func (q *Queue) finish(ctx context.Context, j service.Job, err error) {
	if err != nil && !errors.Is(err, service.ErrPermanent) && j.Attempt <= len(q.delays) {
		delay := q.delays[j.Attempt-1]
		j.Attempt++
		time.AfterFunc(delay, func() {
			select {
			case q.jobs <- j:
			case <-ctx.Done():
				q.done()
			}
		})
		return
	}
	if err != nil {
		q.mu.Lock()
		q.dead = append(q.dead, j)
		q.mu.Unlock()
	}
	q.done()
}

func (q *Queue) done() {
	q.mu.Lock()
	q.pending--
	if q.pending == 0 {
		q.idle.Broadcast()
	}
	q.mu.Unlock()
}

// Dead returns the dead-lettered jobs, oldest first.
func (q *Queue) Dead() []service.Job {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]service.Job(nil), q.dead...)
}

// Wait blocks until every published job is acked or dead, or Run stopped.
func (q *Queue) Wait() {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.pending > 0 && !q.stopped {
		q.idle.Wait()
	}
}
