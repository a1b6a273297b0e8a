// Command 23-concurrency serves four concurrency patterns over HTTP, each
// built on golang.org/x/sync: a fan-out aggregator (errgroup with a limit and
// per-call deadlines), a fixed worker pool for CPU-bound hashing, profile
// fetches deduplicated with singleflight, and an expensive render endpoint
// bounded by a weighted semaphore (503 + Retry-After when full). A ledger
// shows deadlock avoidance by lock ordering.
//
//	go run ./23-concurrency        # 127.0.0.1:8023
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime"
	"strconv"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr           string        // host:port to listen on
	workers        int           // worker pool size
	fanoutLimit    int           // most upstream calls in flight per aggregate request
	callTimeout    time.Duration // deadline of one upstream call in the aggregator
	renderCapacity int64         // weight the render semaphore admits at once
	logFormat      string        // "text" or "json"
}

const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "23-concurrency:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "23-concurrency:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	app := newApp(cfg, logger)
	defer app.close() // after serve.Run has drained the handlers: stop the pool's workers
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "workers", cfg.workers,
		"fanout_limit", cfg.fanoutLimit, "call_timeout", cfg.callTimeout, "render_capacity", cfg.renderCapacity)
	return serve.Run(ctx, serve.NewServer(routes(app), logger), ln, logger, shutdownGrace)
}

// parseConfig reads flags from args, each default taken from the environment
// (ADDR, WORKERS, FANOUT_LIMIT, CALL_TIMEOUT, RENDER_CAPACITY, LOG_FORMAT)
// and then from laptop-friendly values. Flag errors and -h usage go to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	ints := map[string]int{}
	for _, d := range []struct{ env, def string }{
		{"WORKERS", strconv.Itoa(runtime.GOMAXPROCS(0))}, {"FANOUT_LIMIT", "3"}, {"RENDER_CAPACITY", "4"},
	} {
		v, err := strconv.Atoi(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not an integer", d.env, getenv(d.env))
		}
		ints[d.env] = v
	}
	callTimeout, err := time.ParseDuration(serve.EnvOr(getenv, "CALL_TIMEOUT", "300ms"))
	if err != nil {
		return config{}, fmt.Errorf("CALL_TIMEOUT=%q is not a duration", getenv("CALL_TIMEOUT"))
	}

	var cfg config
	var capacity int
	fs := flag.NewFlagSet("23-concurrency", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8023"), "listen address (env ADDR)")
	fs.IntVar(&cfg.workers, "workers", ints["WORKERS"], "worker pool size (env WORKERS)")
	fs.IntVar(&cfg.fanoutLimit, "fanout-limit", ints["FANOUT_LIMIT"], "most upstream calls in flight per aggregate request (env FANOUT_LIMIT)")
	fs.DurationVar(&cfg.callTimeout, "call-timeout", callTimeout, "deadline of one upstream call (env CALL_TIMEOUT)")
	fs.IntVar(&capacity, "render-capacity", ints["RENDER_CAPACITY"], "total render weight admitted at once (env RENDER_CAPACITY)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	cfg.renderCapacity = int64(capacity)
	switch {
	case cfg.workers < 1 || cfg.workers > 256:
		return config{}, fmt.Errorf("workers must be 1..256, got %d", cfg.workers)
	case cfg.fanoutLimit < 1:
		return config{}, fmt.Errorf("fan-out limit must be at least 1, got %d", cfg.fanoutLimit)
	case cfg.callTimeout <= 0:
		return config{}, fmt.Errorf("call timeout must be positive, got %s", cfg.callTimeout)
	case cfg.renderCapacity < 1 || cfg.renderCapacity > 64:
		return config{}, fmt.Errorf("render capacity must be 1..64, got %d", cfg.renderCapacity)
	case cfg.logFormat != "text" && cfg.logFormat != "json":
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}
