// Command capstone runs the RealWorld "Conduit" API: `go run ./capstone`.
// This file only wires: configuration → logger → store → services → HTTP
// server, and the graceful shutdown that unwinds them in reverse.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"workbook/capstone/httpapi"
	"workbook/capstone/memory"
	"workbook/capstone/postgres"
	"workbook/capstone/realtime"
	"workbook/capstone/service"
)

func main() {
	// `capstone healthcheck` probes a running server (for container HEALTHCHECKs).
	if len(os.Args) == 2 && os.Args[1] == "healthcheck" {
		cfg, err := loadConfig(nil, os.Getenv)
		if err == nil {
			err = healthcheck(context.Background(), cfg.Addr)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "capstone:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal, a second one gets the default action: the
	// process exits at once, for an operator who will not wait for the drain.
	context.AfterFunc(ctx, stop)
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "capstone:", err)
		os.Exit(1)
	}
}

func previousSecrets(list []string) [][]byte {
	out := make([][]byte, len(list))
	for i, s := range list {
		out[i] = []byte(s)
	}
	return out
}

// run starts the service and blocks until ctx is cancelled (a signal) or
// the server fails, then shuts down: readiness fails first, in-flight
// requests drain, and only then is the database pool closed.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := loadConfig(args, getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	logger := slog.New(slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: cfg.LogLevel}))
	logger.Info("starting", "config", cfg)

	secret := []byte(cfg.JWTSecret)
	if len(secret) == 0 {
		secret = make([]byte, 32)
		_, _ = rand.Read(secret)
		logger.Warn("JWT_SECRET is not set: using a random secret, so tokens will not survive a restart or work across replicas")
	}

	var (
		store service.Store
		ready func(context.Context) error
	)
	if cfg.DatabaseURL == "" {
		store = memory.New()
		logger.Info("store", "kind", "memory")
	} else {
		pg, err := postgres.Open(ctx, cfg.DatabaseURL, int32(cfg.DBMaxConns))
		if err != nil {
			return err
		}
		defer func() {
			pg.Close()
			logger.Info("database pool closed")
		}()
		n, err := pg.Migrate(ctx)
		if err != nil {
			return err
		}
		logger.Info("store", "kind", "postgres", "migrations_applied", n)
		store, ready = pg, pg.Ping
	}

	registry := prometheus.NewRegistry()
	cached, err := newCache(cfg, registry, logger)
	if err != nil {
		return err
	}
	jobs, startJobs, stopJobs := newJobs(cfg, logger)
	search, indexer, stopSearch, err := newSearch(ctx, cfg, store, jobs, logger)
	if err != nil {
		return err
	}
	defer stopSearch() // deferred first, so it runs after stopJobs
	blobs, thumbs, stopUploads, err := newUploads(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer stopUploads() // deferred before stopJobs: the store closes after the workers
	welcomer, err := newMailer(cfg, store, logger)
	if err != nil {
		return err
	}
	bus, hub, stopRealtime := newRealtime(cfg, registry, logger)
	defer stopRealtime() // deferred before stopJobs, so it runs after it
	notifier := &service.Notifier{Store: store, Jobs: jobs, Bus: bus, Logger: logger}
	digests := &service.Digests{Store: store, Jobs: jobs, Emails: welcomer}
	startJobs(service.Handlers{service.JobIndexArticle: indexer.Handle, service.JobWelcomeEmail: welcomer.Handle,
		service.JobPasswordReset: welcomer.HandleReset, service.JobThumbnail: thumbs.Handle, service.JobNotify: notifier.Handle,
		service.JobDigestPlan: digests.Plan, service.JobDigest: digests.Handle}.Handle)
	defer stopJobs()
	defer startScheduler(cfg, store, jobs, logger)() // stops before the workers
	if cached != nil {
		store = service.CachingStore{Store: store, Cached: cached}
	}
	store = service.IndexingStore{Store: store, Indexer: indexer}
	store = service.NotifyingStore{Store: store, Notifier: notifier}

	tp, err := newTracerProvider(ctx, cfg, stdout)
	if err != nil {
		return err
	}
	apiCfg := httpapi.Config{
		Registry: registry,
		// As many bcrypt runs at once as there are cores; a request waits
		// at most 2 s for one, then gets 503.
		Users: &service.Users{Store: store, Hasher: service.Bcrypt{Cost: cfg.BcryptCost, Gate: service.NewGate(runtime.NumCPU(), 2*time.Second)},
			Jobs: jobs, Emails: welcomer, Logger: logger},
		Profiles:       &service.Profiles{Users: store, Follows: store, Cached: cached},
		Articles:       &service.Articles{Store: store},
		Comments:       &service.Comments{Store: store, Articles: store},
		Search:         search,
		Uploads:        newUploadService(cfg, blobs, store, jobs, logger),
		Realtime:       &realtime.Transport{Hub: hub, Origins: cfg.CORSOrigins},
		Tokens:         &httpapi.Tokens{Secret: secret, Previous: previousSecrets(cfg.JWTPrevious), TTL: cfg.JWTTTL},
		Logger:         logger,
		Ready:          ready,
		MaxBodyBytes:   cfg.MaxBodyBytes,
		RequestTimeout: cfg.RequestTimeout,
		CORSOrigins:    cfg.CORSOrigins,
		AuthRate:       rate.Every(time.Minute / time.Duration(cfg.AuthRatePerMinute)),
		AuthBurst:      cfg.AuthBurst,
	}
	if cached != nil {
		apiCfg.ReadVersion = cached.ArticleReadsVersion
	}
	if tp != nil {
		apiCfg.Tracer = tp
		defer func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if err := tp.Shutdown(ctx); err != nil {
				logger.Warn("tracing shutdown", "err", err)
			}
		}()
	}
	// The debug listener opens first, so GET /api can say where it is.
	var debugLn net.Listener
	if cfg.DebugAddr != "off" {
		if debugLn, err = net.Listen("tcp", cfg.DebugAddr); err != nil {
			return fmt.Errorf("debug listener: %w", err)
		}
		apiCfg.DebugURL = "http://" + debugLn.Addr().String()
	}
	api := httpapi.New(apiCfg)
	if debugLn != nil {
		debug := &http.Server{
			Handler: api.Debug(), ReadHeaderTimeout: cfg.ReadHeaderTimeout, IdleTimeout: cfg.IdleTimeout,
			// A CPU profile streams for ?seconds= (30 by default) and pprof
			// refuses one longer than WriteTimeout.
			WriteTimeout: 2 * time.Minute,
			ErrorLog:     slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		}
		go func() {
			if err := debug.Serve(debugLn); !errors.Is(err, http.ErrServerClosed) {
				logger.Error("debug listener stopped", "err", err)
			}
		}()
		defer debug.Close() // after the API has drained: scrapes are short
		logger.Info("debug listener", "addr", debugLn.Addr().String(), "metrics", apiCfg.DebugURL+"/metrics", "docs", apiCfg.DebugURL+"/swagger/index.html")
	}

	base, cancelBase := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelBase()
	srv := &http.Server{
		Handler:           api,
		ReadTimeout:       cfg.ReadTimeout,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		// Every request's context hangs off base, which is cancelled only
		// when the shutdown deadline has passed: handlers still running then
		// (a slow query) are told to give up.
		BaseContext: func(net.Listener) context.Context { return base },
	}
	// Notification streams never end by themselves: the Hub closes them
	// (WebSocket close 1001, SSE "event: close") as soon as Shutdown
	// starts, so they do not hold the drain open until its deadline.
	srv.RegisterOnShutdown(hub.Close)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/api")

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	// Draining: /readyz fails, and every response says Connection: close,
	// so keep-alive clients leave on their own before the listener closes —
	// Shutdown closing a connection it thinks idle can race a client that
	// has just written a request on it.
	logger.Info("shutting down: failing readiness", "drain_delay", cfg.DrainDelay.String())
	api.Drain()
	time.Sleep(cfg.DrainDelay)

	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		cancelBase()
		logger.Error("shutdown deadline passed: cutting the remaining connections", "timeout", cfg.ShutdownTimeout.String())
		return fmt.Errorf("shutdown: %w", errors.Join(err, srv.Close()))
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("in-flight requests drained")
	return nil
}
