package main

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// poolSettings are the knobs of pgxpool this server sets on purpose.
type poolSettings struct {
	MaxConns int
	MinConns int
	// StatementTimeout, when set, is PostgreSQL's statement_timeout for
	// every connection: the server aborts a statement running longer (SQLSTATE
	// 57014) on its own, whatever happened to the client.
	StatementTimeout time.Duration
}

// newPool opens a connection pool and proves the database answers.
//
// pgxpool.New would succeed against a database that is down (it connects
// lazily), so newPool pings once and turns a failure into an
// *unreachableError that main prints as instructions.
func newPool(ctx context.Context, databaseURL string, s poolSettings) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, &unreachableError{url: databaseURL, err: fmt.Errorf("parse DATABASE_URL: %w", err)}
	}

	// MaxConns caps the connections this process holds. Each PostgreSQL
	// connection is a server process with memory of its own, and the server's
	// max_connections (100 by default) is shared by every replica of every
	// service: 10 replicas × MaxConns must fit. More connections than CPU
	// cores on the database rarely adds throughput; requests beyond the cap
	// wait in Acquire (bounded by their context) instead of overloading it.
	cfg.MaxConns = int32(s.MaxConns)
	// MinConns keeps this many connections open even when idle, so the first
	// requests after a quiet spell do not pay a TCP + TLS + auth handshake.
	cfg.MinConns = int32(s.MinConns)
	// MaxConnLifetime retires a connection after an hour, even a busy one:
	// load balancers and failovers then see traffic move, and server-side
	// memory a session accumulated is returned. The jitter keeps all
	// connections opened together from closing together.
	cfg.MaxConnLifetime = time.Hour
	cfg.MaxConnLifetimeJitter = 5 * time.Minute
	// MaxConnIdleTime closes connections unused this long (down to MinConns),
	// giving back server slots after a burst.
	cfg.MaxConnIdleTime = 5 * time.Minute
	// HealthCheckPeriod is how often the pool's background goroutine applies
	// the two rules above and tops the pool back up to MinConns.
	cfg.HealthCheckPeriod = 30 * time.Second

	// What a cancelled context does (pgx v5.12, pgconn/pgconn.go): the
	// default BuildContextWatcherHandler is a DeadlineContextWatcherHandler,
	// which sets a deadline in the past on the socket, so the query call
	// returns at once with the context's error. The connection is then
	// broken mid-protocol, so pgconn's asyncClose sends PostgreSQL a cancel
	// request, then Terminate, and closes it: the server stops the query, and
	// the pool destroys the connection and opens a fresh one when needed. The
	// connection is not returned for reuse (TestCancelledQueryStopsOnTheServer).
	//
	// A cancel request travels on a new connection, so it can fail to arrive
	// (the client crashed, the network broke). statement_timeout is the
	// server's own bound that holds then too; it is a runtime parameter sent
	// at connect, so every pooled connection has it.
	if s.StatementTimeout > 0 {
		cfg.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(s.StatementTimeout.Milliseconds(), 10)
	}

	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, &unreachableError{url: databaseURL, err: err}
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, &unreachableError{url: databaseURL, err: err}
	}
	return pool, nil
}

// unreachableError means the database could not be reached at start.
type unreachableError struct {
	url string
	err error
}

func (e *unreachableError) Error() string {
	return fmt.Sprintf("cannot reach PostgreSQL at %s: %v", redact(e.url), e.err)
}

func (e *unreachableError) Unwrap() error { return e.err }

// Hint is the message main prints: what failed and how to get a database.
func (e *unreachableError) Hint() string {
	return fmt.Sprintf(`11-databases: %s

This chapter needs a running PostgreSQL. Start one, then run again:
  docker compose up -d postgres            (from the repository root; the default DATABASE_URL matches it)
or point DATABASE_URL at your own server, for example:
  DATABASE_URL='postgres://postgres@127.0.0.1:5432/workbook?sslmode=disable' go run ./11-databases
(create that database first with: psql -h 127.0.0.1 -U postgres -c 'create database workbook')`, e.Error())
}

// redact hides the password of a URL before it is printed or logged.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable DATABASE_URL)"
	}
	return u.Redacted()
}
