// Command 29-architecture runs a tiny shop assembled in one process from
// the components of a backend system, each on its own side of a port:
//
//	client → edge (reverse proxy, :8029) → app (httpapi → service → ports)
//	                                         ├─ cache   (adapters/ttlcache)
//	                                         ├─ store   (adapters/memstore)
//	                                         ├─ queue   (adapters/chanqueue) → worker
//	                                         └─ payment (adapters/paymentclient) → fakepayment (its own listener)
//
// Every request's hops are logged and kept: GET /trace/{request-id}.
//
//	go run ./29-architecture                        # edge on 127.0.0.1:8029
//	go run ./29-architecture -payment-delay 1h      # a payment provider that hangs
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"workbook/29-architecture/adapters/chanqueue"
	"workbook/29-architecture/adapters/memstore"
	"workbook/29-architecture/adapters/paymentclient"
	"workbook/29-architecture/adapters/ttlcache"
	"workbook/29-architecture/edge"
	"workbook/29-architecture/fakepayment"
	"workbook/29-architecture/httpapi"
	"workbook/29-architecture/ports"
	"workbook/29-architecture/service"
	"workbook/29-architecture/trace"
	"workbook/serve"
)

// config is everything the system can be told at start-up.
type config struct {
	addr         string        // the edge: the only address clients use
	appAddr      string        // the app behind the edge
	paymentAddr  string        // the fake payment provider
	paymentDelay time.Duration // how long the provider takes to answer
	logFormat    string        // "text" or "json"
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "29-architecture:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "29-architecture:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the environment
// (ADDR, APP_ADDR, PAYMENT_ADDR, PAYMENT_DELAY, LOG_FORMAT) and then from
// laptop-friendly values. Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	delay, err := time.ParseDuration(serve.EnvOr(getenv, "PAYMENT_DELAY", "0s"))
	if err != nil {
		return config{}, fmt.Errorf("PAYMENT_DELAY=%q is not a duration", getenv("PAYMENT_DELAY"))
	}
	var cfg config
	fs := flag.NewFlagSet("29-architecture", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8029"), "edge listen address, the one clients use (env ADDR)")
	fs.StringVar(&cfg.appAddr, "app-addr", serve.EnvOr(getenv, "APP_ADDR", "127.0.0.1:0"), "app listen address behind the edge; port 0 picks one (env APP_ADDR)")
	fs.StringVar(&cfg.paymentAddr, "payment-addr", serve.EnvOr(getenv, "PAYMENT_ADDR", "127.0.0.1:0"), "fake payment provider listen address (env PAYMENT_ADDR)")
	fs.DurationVar(&cfg.paymentDelay, "payment-delay", delay, "how long the payment provider takes to answer (env PAYMENT_DELAY)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.paymentDelay < 0 {
		return config{}, fmt.Errorf("payment delay must not be negative, got %s", cfg.paymentDelay)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// system is every component, built and connected but not yet serving.
type system struct {
	edgeLn, appLn, paymentLn net.Listener
	edge, app, payment       http.Handler
	svc                      *service.Service
	queue                    *chanqueue.Queue
}

// assemble builds the system by hand, dependencies first: each constructor
// gets what it needs as arguments, so the order of these lines is the
// dependency graph, and a missing piece is a compile error.
func assemble(cfg config, logger *slog.Logger) (*system, error) {
	var s system
	var err error
	if s.paymentLn, err = net.Listen("tcp", cfg.paymentAddr); err != nil {
		return nil, err
	}
	if s.appLn, err = net.Listen("tcp", cfg.appAddr); err != nil {
		s.paymentLn.Close()
		return nil, err
	}
	if s.edgeLn, err = net.Listen("tcp", cfg.addr); err != nil {
		s.paymentLn.Close()
		s.appLn.Close()
		return nil, err
	}
	traces := trace.NewLog(256, time.Now, logger)
	s.payment = fakepayment.Handler(cfg.paymentDelay)

	// Adapters (the data layer and the outside world) ...
	store := memstore.New(memstore.Catalogue()...)
	cache := ttlcache.New(30*time.Second, 1000, time.Now)
	s.queue = chanqueue.New(64, logger)
	payments := paymentclient.New("http://"+s.paymentLn.Addr().String(), 2*time.Second)
	// ... the business and presentation layers, given the ports ...
	s.svc, s.app = wireApp(store, cache, s.queue, payments, service.DefaultTimeouts(), traces, logger)
	s.queue.Start(s.svc.Fulfil) // the worker needs the service: started after it
	// ... and the web server in front, given the app's address.
	s.edge = edge.New(&url.URL{Scheme: "http", Host: s.appLn.Addr().String()}, traces, logger, 10*time.Second)
	return &s, nil
}

// wireApp builds the service on its ports and the HTTP layer on the
// service. The ports are interfaces: the failure-mode tests pass a cache
// that is down or a store that hangs, and nothing else changes.
func wireApp(store ports.Store, cache ports.Cache, queue ports.Queue, payments ports.Payments,
	t service.Timeouts, traces *trace.Log, logger *slog.Logger) (*service.Service, http.Handler) {
	svc := service.New(store, cache, queue, payments, t, trace.NewID)
	return svc, httpapi.New(svc, traces, logger)
}

// run serves until SIGINT or SIGTERM, then stops the components in the
// reverse of their start order: edge, app, worker, payment provider.
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	s, err := assemble(cfg, logger)
	if err != nil {
		return err
	}
	background := func(ln net.Listener, h http.Handler) (context.CancelFunc, <-chan error) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- serve.Run(ctx, serve.NewServer(h, logger), ln, logger, 10*time.Second) }()
		return cancel, done
	}
	stopPayment, paymentDone := background(s.paymentLn, s.payment)
	stopApp, appDone := background(s.appLn, s.app)
	go redeliver(ctx, s.svc, logger)

	logger.Info("listening", "addr", "http://"+s.edgeLn.Addr().String(),
		"app", s.appLn.Addr().String(), "payment", s.paymentLn.Addr().String())
	errEdge := serve.Run(ctx, serve.NewServer(s.edge, logger), s.edgeLn, logger, 10*time.Second)

	stopApp()
	errApp := <-appDone
	drain, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	errQueue := s.queue.Stop(drain)
	stopPayment()
	return errors.Join(errEdge, errApp, errQueue, <-paymentDone)
}

// redeliver queues pending orders again every few seconds: the store is the
// outbox, so an order whose publish failed is delivered later.
func redeliver(ctx context.Context, svc *service.Service, logger *slog.Logger) {
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if n, err := svc.Redeliver(ctx); err != nil {
				logger.Warn("redeliver", "err", err)
			} else if n > 0 {
				logger.Info("redelivered pending orders", "count", n)
			}
		}
	}
}
