// Command 12-business-logic serves an article publishing workflow — draft →
// review → published → archived — whose rules live in a domain package that
// knows nothing of HTTP or SQL, run by use cases inside a unit of work, with
// domain events delivered through an outbox only after commit.
//
//	go run ./12-business-logic                                   # in-memory adapter on 127.0.0.1:8012
//	DATABASE_URL=postgres://… go run ./12-business-logic         # the PostgreSQL adapter, same service
//	go run ./12-business-logic -max-in-review 5                  # a business rule set at start-up
//	go run ./12-business-logic -h                                # every flag and its environment variable
//
// Every flag has an environment variable of the same meaning; a flag wins.
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
	"os"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/12-business-logic/domain"
	"workbook/12-business-logic/httpapi"
	"workbook/12-business-logic/memory"
	"workbook/12-business-logic/postgres"
	"workbook/12-business-logic/publishing"
	"workbook/serve"
	"workbook/serve/problem"
)

// config is everything the server can be told at start-up.
type config struct {
	addr        string
	databaseURL string        // "" for the in-memory adapter
	logFormat   string        // "text" or "json"
	policy      domain.Policy // the tunable business rules
}

const (
	shutdownGrace  = 10 * time.Second
	relayInterval  = 2 * time.Second
	maxDeliveries  = 5
	connectTimeout = 5 * time.Second
)

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
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

// run picks the adapter, starts the outbox relay, and serves until SIGINT
// or SIGTERM.
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
	svc := publishing.NewService(uow, publishing.WithPolicy(cfg.policy), publishing.WithAfterCommit(relay.Kick))
	relayCtx, stopRelay := context.WithCancel(ctx)
	defer stopRelay()
	go relay.Run(relayCtx, relayInterval)

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(),
		"min_words_for_review", cfg.policy.MinWordsForReview, "max_in_review", cfg.policy.MaxInReview)
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

// newServer returns the http.Server, with serve.NewServer's timeouts,
// around routes.
func newServer(svc *publishing.Service, notes *notifier, logger *slog.Logger) *http.Server {
	return serve.NewServer(routes(svc, notes, logger), logger)
}

// routes is the handler tree: the API's routes plus /notifications and the
// index. problem.Routes turns the mux's plain-text 404 and 405 into
// problem details, keeping the Allow header of its 405.
func routes(svc *publishing.Service, notes *notifier, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	httpapi.New(svc, logger, mux)
	mux.HandleFunc("GET /notifications", notes.handleList)
	mux.HandleFunc("GET /{$}", handleIndex)
	return problem.Routes(mux)
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

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, DATABASE_URL, LOG_FORMAT, MIN_WORDS_FOR_REVIEW,
// MAX_IN_REVIEW) and then from laptop-friendly values. Flag errors and -h
// usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	envInt := func(key string, fallback int) (int, error) {
		v, err := strconv.Atoi(serve.EnvOr(getenv, key, strconv.Itoa(fallback)))
		if err != nil {
			return 0, fmt.Errorf("%s=%q is not a number", key, getenv(key))
		}
		return v, nil
	}
	minWords, err := envInt("MIN_WORDS_FOR_REVIEW", domain.MinWordsForReview)
	if err != nil {
		return config{}, err
	}
	maxInReview, err := envInt("MAX_IN_REVIEW", domain.MaxInReview)
	if err != nil {
		return config{}, err
	}

	var cfg config
	fs := flag.NewFlagSet("12-business-logic", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8012"), "listen address (env ADDR)")
	fs.StringVar(&cfg.databaseURL, "database-url", getenv("DATABASE_URL"), "PostgreSQL URL; empty for the in-memory adapter (env DATABASE_URL)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	fs.IntVar(&minWords, "min-words-for-review", minWords, "words a body needs before it can be submitted (env MIN_WORDS_FOR_REVIEW)")
	fs.IntVar(&maxInReview, "max-in-review", maxInReview, "articles one author may have in review at once (env MAX_IN_REVIEW)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	if cfg.policy, err = domain.NewPolicy(minWords, maxInReview); err != nil {
		return config{}, err
	}
	return cfg, nil
}
