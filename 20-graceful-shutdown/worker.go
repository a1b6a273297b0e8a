package main

import (
	"context"
	"log/slog"
	"time"
)

// worker runs queued jobs one at a time. Stop closes the queue's intake:
// the job in progress finishes (it runs on its own context, not on the
// stop signal), jobs still queued are reported and left.
type worker struct {
	jobs    chan string
	quit    chan struct{}
	done    chan struct{}
	jobTime time.Duration
	logger  *slog.Logger
}

func startWorker(jobTime time.Duration, logger *slog.Logger) *worker {
	w := &worker{jobs: make(chan string, 64), quit: make(chan struct{}), done: make(chan struct{}), jobTime: jobTime, logger: logger}
	go w.loop()
	logger.Info("start: worker started")
	return w
}

func (w *worker) loop() {
	defer close(w.done)
	for {
		// Checking quit first means a stop is never lost behind a full queue.
		select {
		case <-w.quit:
			w.logger.Info("worker: stopped", "left_in_queue", len(w.jobs))
			return
		default:
		}
		select {
		case <-w.quit:
			w.logger.Info("worker: stopped", "left_in_queue", len(w.jobs))
			return
		case job := <-w.jobs:
			time.Sleep(w.jobTime) // the job's work; a stop does not interrupt it
			w.logger.Info("worker: job done", "job", job)
		}
	}
}

// enqueue adds a job, or reports false when the queue is full.
func (w *worker) enqueue(job string) bool {
	select {
	case w.jobs <- job:
		return true
	default:
		return false
	}
}

// Stop asks the worker to stop after its current job and waits for that,
// or for ctx.
func (w *worker) Stop(ctx context.Context) error {
	close(w.quit)
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
