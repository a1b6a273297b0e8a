package main

import (
	"context"
	"log/slog"
	"time"
)

// dependency stands in for a database pool or a broker connection: opened
// first, used by the handlers and the worker, closed last. Its Close is
// slow on purpose (closeTime), and with a negative closeTime it never
// returns: the stuck dependency the hard deadline exists for.
type dependency struct {
	closeTime time.Duration
	logger    *slog.Logger
}

func openDependency(closeTime time.Duration, logger *slog.Logger) *dependency {
	logger.Info("start: dependency opened")
	return &dependency{closeTime: closeTime, logger: logger}
}

// Close blocks for closeTime, or forever when it is negative, ignoring ctx
// the way a badly written client library does.
func (d *dependency) Close(context.Context) error {
	if d.closeTime < 0 {
		select {} // stuck: only the process exit ends this
	}
	time.Sleep(d.closeTime)
	return nil
}
