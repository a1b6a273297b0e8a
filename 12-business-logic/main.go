// Command 12-business-logic serves an article publishing workflow — draft →
// review → published → archived — whose rules live in a domain package that
// knows nothing of HTTP or SQL, run by use cases inside a unit of work, with
// domain events delivered through an outbox only after commit.
//
//	go run ./12-business-logic                                   # in-memory adapter on 127.0.0.1:8012
//	DATABASE_URL=postgres://… go run ./12-business-logic         # the PostgreSQL adapter, same service
//
// Every flag has an environment variable of the same meaning; a flag wins.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/12-business-logic/httpapi"
	"workbook/12-business-logic/memory"
	"workbook/12-business-logic/postgres"
	"workbook/12-business-logic/publishing"
	"workbook/serve"
)

type config struct {
	addr        string
	databaseURL string
	logFormat   string
}

const (
	shutdownGrace  = 10 * time.Second
	relayInterval  = 2 * time.Second
	maxDeliveries  = 5
	connectTimeout = 5 * time.Second
)

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "12-business-logic:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "12-business-logic:", err)
		os.Exit(2)
	}
	ctx, stop := serve.SignalContext()
	defer stop()
	if err := run(ctx, cfg, logger); err != nil {
		logger.Error("stopped", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config, logger *slog.Logger) error {
	// The only place that knows which adapter is used: everything else
	// sees a publishing.UnitOfWork.
	var uow publishing.UnitOfWork
	if cfg.databaseURL == "" {
		uow = memory.New()
		logger.Info("using the in-memory adapter (set DATABASE_URL for PostgreSQL)")
	} else {
		pool, err := openPostgres(ctx, cfg.databaseURL)
		if err != nil {
			return err
		}
		defer pool.Close()
		uow = postgres.NewUnitOfWork(pool)
		logger.Info("using the PostgreSQL adapter", "database", redact(cfg.databaseURL))
	}

	notes := newNotifier(logger)
	relay := publishing.NewRelay(uow, notes.Deliver, maxDeliveries, logger)
	svc := publishing.NewService(uow, publishing.WithAfterCommit(relay.Kick))
	relayCtx, stopRelay := context.WithCancel(ctx)
	defer stopRelay()
	go relay.Run(relayCtx, relayInterval)

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String())
	// serve.Run serves until Ctrl-C or SIGTERM, then lets requests in flight
	// finish within shutdownGrace (chapter 20 takes it apart).
	return serve.Run(ctx, newServer(svc, notes, logger), ln, logger, shutdownGrace)
}

func openPostgres(ctx context.Context, url string) (*pgxpool.Pool, error) {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := postgres.Migrate(ctx, url); err != nil {
		return nil, fmt.Errorf("PostgreSQL at %s: %w (unset DATABASE_URL to use the in-memory adapter, or start one with `docker compose up -d postgres`)", redact(url), err)
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	return pool, pool.Ping(ctx)
}

// newServer builds the http.Server: the API's routes plus /notifications
// and the index, with serve.NewServer's timeouts.
func newServer(svc *publishing.Service, notes *notifier, logger *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	httpapi.New(svc, logger, mux)
	mux.HandleFunc("GET /notifications", notes.handleList)
	mux.HandleFunc("GET /{$}", handleIndex)
	return serve.NewServer(mux, logger)
}

func handleIndex(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprint(w, `publishing workflow: draft -> review -> published -> archived (review -> draft on reject)
send X-User: <name> and X-Role: author|editor on every write

GET  /articles?status=draft|review|published|archived
POST /articles                     {"title","body","notify"}   (author)
GET  /articles/{slug}              allowed_actions depend on X-User/X-Role
PUT  /articles/{slug}              {"title","body"}            (author, in draft)
POST /articles/{slug}/submit                                   (author)
POST /articles/{slug}/approve                                  (editor, not the author)
POST /articles/{slug}/reject       {"reason"}                  (editor)
POST /articles/{slug}/archive                                  (author or editor)
GET  /notifications                what the outbox relay delivered, after commit
`)
}

func parseConfig(args []string, getenv func(string) string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("12-business-logic", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8012"), "listen address (env ADDR)")
	fs.StringVar(&cfg.databaseURL, "database-url", getenv("DATABASE_URL"), "PostgreSQL URL; empty for the in-memory adapter (env DATABASE_URL)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}
