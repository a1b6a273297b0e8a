package bookmark_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/26-testing/bookmark"
	"workbook/testinfra"
)

// newPostgres is the integration test's environment: a fresh database per
// call (testinfra creates it and drops it at cleanup), the schema migrated,
// the pool closed before the database is dropped (cleanups run last-in,
// first-out).
func newPostgres(t *testing.T) *bookmark.Postgres {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, testinfra.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	repo := bookmark.NewPostgres(pool)
	if err := repo.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return repo
}

// TestPostgresContract is the integration test: the real adapter, the real
// database, the same suite as the fake.
func TestPostgresContract(t *testing.T) {
	runContract(t, func(t *testing.T) bookmark.Repository { return newPostgres(t) })
}

func TestPostgresMigrateTwice(t *testing.T) {
	repo := newPostgres(t)
	if err := repo.Migrate(context.Background()); err != nil {
		t.Fatalf("second Migrate = %v, want nil (CREATE TABLE IF NOT EXISTS)", err)
	}
}
