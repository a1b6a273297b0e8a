// Command 15-task-queues runs a job queue on RabbitMQ: an HTTP API that
// enqueues jobs (publisher confirms, persistent messages, priorities, topic
// routing keys, one-off delays), a worker pool that consumes them with manual
// acks and a prefetch limit, retries failures through per-attempt TTL delay
// queues and parks the hopeless ones in a dead-letter queue, and a cron
// scheduler that enqueues recurring jobs in a time zone.
//
//	go run ./15-task-queues                      # needs RabbitMQ on amqp://guest:guest@127.0.0.1:5672/
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
	"strconv"
	"strings"
	"time"

	"workbook/serve"
)

// config is everything the queue server can be told at start-up.
type config struct {
	addr        string          // host:port to listen on
	amqpURL     string          // the broker
	prefix      string          // prefix of every exchange and queue name
	workers     int             // concurrent job handlers
	prefetch    int             // unacked deliveries the broker may push (Qos)
	retryDelays []time.Duration // one delay queue per retry; len+1 attempts in all
	schedules   []string        // "SPEC => kind" entries for the cron scheduler
	logFormat   string          // "text" or "json"
}

const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "15-task-queues:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "15-task-queues:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// run starts the publisher, the workers and the scheduler, serves HTTP until
// SIGINT or SIGTERM, then drains: HTTP first (no new jobs), then the
// scheduler, then the workers finish the jobs they hold and ack them.
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	topo := newTopology(cfg.prefix, cfg.retryDelays)
	pub, err := newPublisher(ctx, cfg.amqpURL, topo, logger)
	if err != nil {
		return err
	}
	defer pub.Close()
	stats := newStats()
	w := &worker{URL: cfg.amqpURL, Name: "15-task-queues-worker", Topo: topo, Workers: cfg.workers,
		Prefetch: cfg.prefetch, Handle: demoHandler, Stats: stats, Logger: logger}
	workerDone := make(chan error, 1)
	go func() { workerDone <- w.Run(ctx) }()

	sched, err := newScheduler(cfg.schedules, pub, logger)
	if err != nil {
		return err
	}
	sched.Start()
	defer func() { <-sched.Stop().Done() }()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "exchange", topo.Exchange, "queue", topo.Queue)
	h := routes(pub, &inspector{URL: cfg.amqpURL, Topo: topo}, stats, sched)
	if err := serve.Run(ctx, serve.NewServer(h, logger), ln, logger, shutdownGrace); err != nil {
		return err
	}
	return <-workerDone
}

// parseConfig reads flags from args, each default taken from the environment
// (ADDR, AMQP_URL, QUEUE_PREFIX, WORKERS, PREFETCH, RETRY_DELAYS, SCHEDULES,
// LOG_FORMAT). Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	var delays, schedules string
	fs := flag.NewFlagSet("15-task-queues", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8015"), "listen address (env ADDR)")
	fs.StringVar(&cfg.amqpURL, "amqp-url", serve.EnvOr(getenv, "AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/"), "RabbitMQ URL (env AMQP_URL)")
	fs.StringVar(&cfg.prefix, "queue-prefix", serve.EnvOr(getenv, "QUEUE_PREFIX", "wb15"), "prefix of exchange and queue names (env QUEUE_PREFIX)")
	workers := fs.String("workers", serve.EnvOr(getenv, "WORKERS", "4"), "concurrent job handlers (env WORKERS)")
	prefetch := fs.String("prefetch", serve.EnvOr(getenv, "PREFETCH", "8"), "unacked deliveries per consumer (env PREFETCH)")
	fs.StringVar(&delays, "retry-delays", serve.EnvOr(getenv, "RETRY_DELAYS", "1s,5s,30s"), "delay before each retry; attempts = count+1 (env RETRY_DELAYS)")
	fs.StringVar(&schedules, "schedules", serve.EnvOr(getenv, "SCHEDULES", "CRON_TZ=Europe/Berlin */1 * * * * => tick"), "';'-separated 'SPEC => kind' cron entries (env SCHEDULES)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	var err error
	if cfg.workers, err = positive("workers", *workers); err != nil {
		return config{}, err
	}
	if cfg.prefetch, err = positive("prefetch", *prefetch); err != nil {
		return config{}, err
	}
	for _, d := range strings.Split(delays, ",") {
		if d = strings.TrimSpace(d); d == "" {
			continue
		}
		v, err := time.ParseDuration(d)
		if err != nil || v <= 0 {
			return config{}, fmt.Errorf("retry delay %q is not a positive duration", d)
		}
		cfg.retryDelays = append(cfg.retryDelays, v)
	}
	for _, s := range strings.Split(schedules, ";") {
		if s = strings.TrimSpace(s); s != "" {
			cfg.schedules = append(cfg.schedules, s)
		}
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

func positive(name, v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s must be a positive integer, got %q", name, v)
	}
	return n, nil
}
