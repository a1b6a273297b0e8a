package count

import (
	"os"
	"testing"
)

// needPostgres stands in for testinfra.Postgres: without
// WORKBOOK_POSTGRES_URL it skips with testinfra's message.
func needPostgres(t *testing.T) {
	t.Helper()
	if os.Getenv("WORKBOOK_POSTGRES_URL") == "" {
		t.Skip("postgres unavailable (no Docker engine: fixture): set WORKBOOK_POSTGRES_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable (e.g. `docker compose up -d postgres`) or start Docker")
	}
}

func TestCount(t *testing.T) {
	if n, err := Count([]Row{{1}, {2}, {3}}); err != nil || n != 3 {
		t.Errorf("Count(3 rows) = %d, %v, want 3, nil", n, err)
	}
}

func TestCountInDatabase(t *testing.T) {
	needPostgres(t)
	if n, err := Count([]Row{{ID: 7}}); err != nil || n != 1 {
		t.Errorf("Count(1 row) = %d, %v, want 1, nil", n, err)
	}
}
