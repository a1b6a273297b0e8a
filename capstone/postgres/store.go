// Package postgres is the PostgreSQL storage adapter, on pgx/v5's pool. It
// maps unique violations to ECONFLICT and missing rows to ENOTFOUND, wraps
// multi-row changes (an article and its tags) in transactions, and applies
// its embedded migrations at start. It passes the same contract suite
// (storetest) as the memory adapter.
package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// Store implements service.Store on a pgxpool.Pool.
type Store struct {
	pool *pgxpool.Pool
}

var _ service.Store = (*Store)(nil)

// sessionDefaults are set on every connection unless the URL sets them
// (pgx passes a URL's unknown query parameters, ?statement_timeout=2s, to
// the server as run-time parameters). A statement that runs longer than
// statement_timeout is cancelled by the server itself (SQLSTATE 57014), so
// no query can hold a pooled connection for long; a session idle inside a
// transaction is cut too; and JIT compilation, which costs more than it
// saves on the short indexed queries of this API, is off.
var sessionDefaults = map[string]string{
	"statement_timeout":                   "5s",
	"idle_in_transaction_session_timeout": "10s",
	"jit":                                 "off",
}

// Open connects to url (a postgres:// URL or DSN) and pings the server.
// maxConns 0 keeps pgxpool's default. Close the Store when done.
func Open(ctx context.Context, url string, maxConns int32) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse DATABASE_URL: %w", err)
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	for k, v := range sessionDefaults {
		if _, set := cfg.ConnConfig.RuntimeParams[k]; !set {
			cfg.ConnConfig.RuntimeParams[k] = v
		}
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: ping: %w", err)
	}
	return &Store{pool: pool}, nil
}

// Ping reports whether the database answers; /readyz calls it.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// Close waits for borrowed connections to come back, then closes the pool.
func (s *Store) Close() { s.pool.Close() }

// constraintMessages names, for each unique constraint, what the client is told.
var constraintMessages = map[string]string{
	"users_username_key": "username has already been taken",
	"users_email_key":    "email has already been taken",
	"articles_slug_key":  "slug has already been taken",
}

// foreignKeyMessages names, for each foreign key, what is missing when an
// insert breaks it: a favourite of a missing user is "user not found",
// not "article not found", the same as the memory store says.
var foreignKeyMessages = map[string]string{
	"favorites_user_id_fkey":    "user not found",
	"favorites_article_id_fkey": "article not found",
	"follows_follower_id_fkey":  "user not found",
	"follows_followee_id_fkey":  "user not found",
	"articles_author_id_fkey":   "author not found",
	"comments_article_id_fkey":  "article not found",
	"comments_author_id_fkey":   "author not found",
}

// domainError translates database errors into domain errors: no rows is
// ENOTFOUND (with notFound as the message), a unique violation (SQLSTATE
// 23505) is ECONFLICT, a foreign-key violation (23503) is ENOTFOUND, a
// statement cut by statement_timeout (57014) or a request whose deadline
// passed while it waited for a connection or a result is EUNAVAILABLE (503:
// the database is too busy right now), and anything else is wrapped and
// stays internal.
func domainError(err error, notFound string) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pgx.ErrNoRows):
		return conduit.Errorf(conduit.ENOTFOUND, "%s", notFound)
	case errors.As(err, &pgErr) && pgErr.Code == "23505":
		msg, ok := constraintMessages[pgErr.ConstraintName]
		if !ok {
			msg = "already exists"
		}
		return conduit.Errorf(conduit.ECONFLICT, "%s", msg)
	case errors.As(err, &pgErr) && pgErr.Code == "23503":
		if msg, ok := foreignKeyMessages[pgErr.ConstraintName]; ok {
			notFound = msg
		}
		return conduit.Errorf(conduit.ENOTFOUND, "%s", notFound)
	case errors.As(err, &pgErr) && pgErr.Code == "57014", errors.Is(err, context.DeadlineExceeded):
		return &conduit.Error{Code: conduit.EUNAVAILABLE, Message: "the database is too busy to answer in time; retry shortly", Cause: err}
	default:
		return fmt.Errorf("postgres: %w", err)
	}
}
