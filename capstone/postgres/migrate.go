package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// migrations are the schema changes, applied in file-name order. A file is
// never edited once released; a change is a new file.
//
//go:embed migrations/*.sql
var migrations embed.FS

// migrateLockID is the advisory lock that serialises migrations when several
// replicas start at once.
const migrateLockID = 727_379_001

// Migrate applies every embedded migration not yet recorded in
// schema_migrations, each in its own transaction, and returns how many ran.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrateLockID); err != nil {
		return 0, fmt.Errorf("postgres: migrate: lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLockID) //nolint:errcheck // the lock also ends with the session

	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version bigint PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return 0, fmt.Errorf("postgres: migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return 0, fmt.Errorf("postgres: migrate: %w", err)
	}
	sort.Strings(names)
	applied := 0
	for _, name := range names {
		base := path.Base(name)
		version, err := strconv.ParseInt(strings.SplitN(base, "_", 2)[0], 10, 64)
		if err != nil {
			return applied, fmt.Errorf("postgres: migrate: %s: name must start with a number", base)
		}
		sql, err := migrations.ReadFile(name)
		if err != nil {
			return applied, fmt.Errorf("postgres: migrate: %w", err)
		}
		ran, err := apply(ctx, conn.Conn(), version, base, string(sql))
		if err != nil {
			return applied, err
		}
		if ran {
			applied++
		}
	}
	return applied, nil
}

// apply runs one migration and records it, in one transaction, unless it is
// already recorded.
func apply(ctx context.Context, conn *pgx.Conn, version int64, name, sql string) (bool, error) {
	ran := false
	err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var done bool
		if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)", version).Scan(&done); err != nil {
			return err
		}
		if done {
			return nil
		}
		if _, err := tx.Exec(ctx, sql); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version, name); err != nil {
			return err
		}
		ran = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("postgres: migrate %s: %w", name, err)
	}
	return ran, nil
}
