package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migration is one schema change, applied once per database.
type migration struct {
	version int
	sql     string
}

// migrations per component: the store's tables and the session store's
// (SESSION_STORE_URL may name another database than DATABASE_URL).
var migrations = map[string][]migration{
	"store": {{1, `
CREATE TABLE users (
	name          text PRIMARY KEY,
	password_hash text NOT NULL,
	created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE notes (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	owner      text NOT NULL REFERENCES users (name),
	body       text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_owner_id ON notes (owner, id DESC);`}},
	"sessions": {{1, `
CREATE TABLE sessions (
	token_hash text PRIMARY KEY,
	user_name  text NOT NULL,
	expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);`}},
}

// migrate applies the component's pending migrations in one transaction
// and returns how many it applied. It is idempotent: a second run finds
// every version recorded and applies none. The advisory lock makes two
// release steps started at once take turns instead of racing.
func migrate(ctx context.Context, pool *pgxpool.Pool, component string) (applied int, err error) {
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(27)`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
	component  text NOT NULL,
	version    int NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (component, version))`); err != nil {
			return err
		}
		for _, m := range migrations[component] {
			var done bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE component = $1 AND version = $2)`,
				component, m.version).Scan(&done); err != nil {
				return err
			}
			if done {
				continue
			}
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return fmt.Errorf("%s migration %d: %w", component, m.version, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (component, version) VALUES ($1, $2)`, component, m.version); err != nil {
				return err
			}
			applied++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return applied, nil
}
