package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"time"

	"workbook/capstone/inprocess"
	"workbook/capstone/rabbitmq"
	"workbook/capstone/service"
)

// newJobs picks the job queue — RabbitMQ when AMQP_URL is set, else in
// process — and returns it with start, which runs its workers on handlers,
// and stop, which ends them after the jobs in hand (at most 10 s).
func newJobs(cfg config, logger *slog.Logger) (service.JobQueue, func(service.JobHandler), func()) {
	var q service.JobQueue
	closeQ := func() {}
	if cfg.AMQPURL != "" {
		host, _ := os.Hostname()
		rq := &rabbitmq.Queue{URL: cfg.AMQPURL, Name: cfg.AMQPPrefix + ".jobs", Logger: logger, ConnectionName: "conduit-" + host}
		q, closeQ = rq, func() { rq.Close() }
		logger.Info("jobs", "kind", "rabbitmq", "queue", rq.Name)
	} else {
		q = inprocess.New(10_000, 2, nil)
		logger.Info("jobs", "kind", "in-process")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	start := func(h service.JobHandler) {
		logged := func(ctx context.Context, j service.Job) error {
			err := h(ctx, j)
			if err != nil {
				logger.WarnContext(ctx, "job failed", "kind", j.Kind, "key", j.Key, "attempt", j.Attempt,
					"permanent", errors.Is(err, service.ErrPermanent), "err", err)
			}
			return err
		}
		go func() {
			defer close(done)
			if err := q.Run(ctx, logged); err != nil {
				logger.Error("jobs: workers stopped", "err", err)
			}
		}()
	}
	stop := func() {
		cancel()
		select {
		case <-done:
			logger.Info("jobs: workers stopped")
		case <-time.After(10 * time.Second):
			logger.Warn("jobs: workers did not stop within 10 s")
		}
		closeQ()
	}
	return q, start, stop
}

// startScheduler runs the daily digest's Scheduler (unless DIGEST_AT is
// off) and returns its stop.
func startScheduler(cfg config, effects service.EffectStore, jobs service.JobQueue, logger *slog.Logger) func() {
	if cfg.DigestAt < 0 {
		logger.Info("digest", "at", "off")
		return func() {}
	}
	s := &service.Scheduler{Effects: effects, Jobs: jobs, At: cfg.DigestAt, Logger: logger}
	logger.Info("digest", "at", digestAtString(cfg.DigestAt), "next", s.Next(time.Now()).Format(time.RFC3339))
	return goUntilStopped(func(ctx context.Context) { _ = s.Run(ctx) })
}

// goUntilStopped runs f in a goroutine of its own; stop cancels f's context
// and waits for f to return.
func goUntilStopped(f func(ctx context.Context)) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); f(ctx) }()
	return func() { cancel(); <-done }
}
