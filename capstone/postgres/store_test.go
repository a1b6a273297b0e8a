package postgres_test

import (
	"context"
	"testing"

	"workbook/capstone/postgres"
	"workbook/capstone/service"
	"workbook/capstone/storetest"
	"workbook/testinfra"
)

// open returns a migrated Store on a fresh database of its own.
func open(t *testing.T) *postgres.Store {
	t.Helper()
	url := testinfra.Postgres(t)
	s, err := postgres.Open(context.Background(), url, 4)
	if err != nil {
		t.Fatalf("Open = %v, want nil", err)
	}
	t.Cleanup(s.Close)
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate = %v, want nil", err)
	}
	return s
}

func TestStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) service.Store { return open(t) })
}

func TestMigrateTwice(t *testing.T) {
	s := open(t) // the first run applied everything
	n, err := s.Migrate(context.Background())
	if err != nil || n != 0 {
		t.Errorf("second Migrate = %d, %v; want 0, nil", n, err)
	}
}
