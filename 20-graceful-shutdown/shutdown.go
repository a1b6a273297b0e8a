package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"workbook/serve"
)

// errForced reports that the hard deadline ran out and the rest was cut.
var errForced = errors.New("shutdown forced: deadline exceeded")

// run starts the service and, on SIGINT or SIGTERM, stops it in order.
//
// It does not use serve.Run: serve.Run closes the listener the moment the
// signal arrives and knows nothing of readiness, workers or dependencies.
// Here the steps are spelled out, because they are the lesson.
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	// Start order: the dependency first (everyone uses it), then the worker,
	// then HTTP. Shutdown runs it backwards.
	dep := openDependency(cfg.depClose, logger)
	st := &state{worker: startWorker(300*time.Millisecond, logger)}
	srv := serve.NewServer(routes(st), logger)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "drain_delay", cfg.drainDelay, "grace", cfg.grace)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stop() // from here a second Ctrl-C kills the process at once
	logger.Info("shutdown: signal received", "grace", cfg.grace)

	deadline, cancel := context.WithTimeout(context.Background(), cfg.grace)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- shutdown(deadline, cfg, srv, st, dep, logger) }()
	select {
	case err := <-done:
		if err != nil {
			return err
		}
		logger.Info("shutdown: complete")
		return nil
	case <-deadline.Done():
		// A step is stuck. Cut every connection and leave: the orchestrator's
		// SIGKILL would come soon anyway, and this way the log says why.
		srv.Close()
		logger.Error("shutdown forced: deadline exceeded", "grace", cfg.grace)
		return errForced
	}
}

// shutdown is the sequence, each step logged. ctx carries the hard deadline.
func shutdown(ctx context.Context, cfg config, srv *http.Server, st *state, dep *dependency, logger *slog.Logger) error {
	logger.Info("shutdown 1/6: readiness failing, /readyz answers 503; responses carry Connection: close")
	st.draining.Store(true)

	logger.Info("shutdown 2/6: drain delay, so load balancers see /readyz fail", "drain_delay", cfg.drainDelay)
	select {
	case <-time.After(cfg.drainDelay):
	case <-ctx.Done():
		return ctx.Err()
	}

	// Shutdown closes the listener, closes idle connections, and waits for
	// active ones to finish their request.
	logger.Info("shutdown 3/6: listener closed, draining in-flight requests")
	if err := srv.Shutdown(ctx); err != nil {
		return err
	}
	logger.Info("shutdown 3/6: http drained")

	logger.Info("shutdown 4/6: stopping worker after its current job")
	if err := st.worker.Stop(ctx); err != nil {
		return err
	}

	logger.Info("shutdown 5/6: flushing metrics", "requests", st.requests.Load())

	logger.Info("shutdown 6/6: closing dependency (opened first, closed last)")
	if err := dep.Close(ctx); err != nil {
		return err
	}
	logger.Info("shutdown 6/6: dependency closed")
	return nil
}
