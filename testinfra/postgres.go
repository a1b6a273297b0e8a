package testinfra

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/ory/dockertest/v3"
)

var postgresService = service{
	name:    ServicePostgres,
	envVar:  "WORKBOOK_POSTGRES_URL",
	compose: "postgres",
	example: "postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable",
}

// Postgres returns the URL of a fresh, empty PostgreSQL database created for
// tb and dropped (with any connections still open) at cleanup.
//
// The server comes from WORKBOOK_POSTGRES_URL (any database the role may
// CREATE DATABASE from), else a postgres:16 container, else the test skips.
func Postgres(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv(postgresService.envVar)
	if admin == "" {
		r, err := container(tb, "postgres", &dockertest.RunOptions{
			Repository: "postgres", Tag: "16-alpine",
			Env: []string{"POSTGRES_PASSWORD=postgres", "POSTGRES_DB=postgres"},
		}, func(r *dockertest.Resource) error {
			return pingPostgres(fmt.Sprintf("postgres://postgres:postgres@%s/postgres?sslmode=disable", r.GetHostPort("5432/tcp")))
		})
		if err != nil {
			unavailable(tb, postgresService, err.Error())
			return ""
		}
		admin = fmt.Sprintf("postgres://postgres:postgres@%s/postgres?sslmode=disable", r.GetHostPort("5432/tcp"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		broken(tb, postgresService, "connect: %v", err)
	}
	defer conn.Close(ctx)

	name := uniqueName(tb, "_")
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		broken(tb, postgresService, "create database %s: %v", name, err)
	}
	tb.Cleanup(func() { dropDatabase(tb, admin, name) })

	dbURL, err := withDatabase(admin, name)
	if err != nil {
		broken(tb, postgresService, "%v", err)
	}
	return dbURL
}

func dropDatabase(tb testing.TB, admin, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		tb.Errorf("testinfra: drop database %s: %v", name, err)
		return
	}
	defer conn.Close(ctx)
	// WITH (FORCE) (PostgreSQL 13+) ends sessions a test forgot to close.
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		tb.Errorf("testinfra: drop database %s: %v", name, err)
	}
}

// withDatabase returns rawURL (URL or key=value DSN) pointing at database name.
func withDatabase(rawURL, name string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", fmt.Errorf("%s must be a postgres:// URL, got %q", postgresService.envVar, rawURL)
	}
	u.Path = "/" + name
	return u.String(), nil
}

func pingPostgres(dsn string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return conn.Ping(ctx)
}
