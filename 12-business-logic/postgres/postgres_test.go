package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/12-business-logic/postgres"
	"workbook/12-business-logic/publishing"
	"workbook/12-business-logic/publishingtest"
	"workbook/testinfra"
)

// TestPostgresContract runs the same contract as the memory adapter against
// a fresh PostgreSQL database per subtest (skipped, with the reason, when
// no PostgreSQL is available).
func TestPostgresContract(t *testing.T) {
	publishingtest.RunRepositoryContract(t, func(t *testing.T) publishing.UnitOfWork {
		url := testinfra.Postgres(t)
		ctx := context.Background()
		if err := postgres.Migrate(ctx, url); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		pool, err := pgxpool.New(ctx, url)
		if err != nil {
			t.Fatalf("pgxpool.New: %v", err)
		}
		t.Cleanup(pool.Close)
		return postgres.NewUnitOfWork(pool)
	})
}
