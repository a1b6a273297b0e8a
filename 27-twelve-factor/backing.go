package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Factor IV: a backing service is an attached resource, named by a URL in
// the environment. The code never asks "am I in production?"; it asks
// "which scheme did the environment give me?".

var (
	errNotFound = errors.New("not found")
	errExists   = errors.New("already exists")
)

// backingKind names the adapter a URL selects: "memory" or "postgres".
func backingKind(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", errors.New("not a URL")
	}
	switch u.Scheme {
	case "memory":
		return "memory", nil
	case "postgres", "postgresql":
		return "postgres", nil
	case "":
		return "", errors.New("no scheme; want memory:// or postgres://")
	default:
		return "", fmt.Errorf("scheme %q is not supported; want memory:// or postgres://", u.Scheme)
	}
}

// backends are the attached resources of one process.
type backends struct {
	store    Store
	sessions SessionStore
	pools    []*pgxpool.Pool // closed by close
}

// openBackends attaches the store and the session store named by cfg.
// A PostgreSQL pool connects lazily; the ping makes a wrong URL fail at
// start-up, not at the first request.
func openBackends(ctx context.Context, cfg config) (*backends, error) {
	b := &backends{}
	open := func(name, raw string) (*pgxpool.Pool, error) {
		pool, err := pgxpool.New(ctx, raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := pool.Ping(ctx); err != nil {
			pool.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		b.pools = append(b.pools, pool)
		return pool, nil
	}
	if kind, _ := backingKind(cfg.databaseURL); kind == "postgres" {
		pool, err := open("DATABASE_URL", cfg.databaseURL)
		if err != nil {
			return nil, err
		}
		b.store = &pgStore{pool: pool}
	} else {
		b.store = newMemStore()
	}
	if kind, _ := backingKind(cfg.sessionStoreURL); kind == "postgres" {
		pool, err := open("SESSION_STORE_URL", cfg.sessionStoreURL)
		if err != nil {
			b.close()
			return nil, err
		}
		b.sessions = &pgSessions{pool: pool}
	} else {
		b.sessions = newMemSessions()
	}
	return b, nil
}

func (b *backends) close() {
	for _, p := range b.pools {
		p.Close()
	}
}
