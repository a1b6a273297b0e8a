// Package schema owns the chapter's database schema: versioned SQL
// migrations embedded in the binary and applied with golang-migrate.
//
// The server applies them at start; every exercise test applies them to its
// own fresh database through ApplyMigrations, so all of them share one schema.
package schema

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx/v5" database/sql driver golang-migrate talks through
)

// Migrations holds the SQL files, named VERSION_name.up.sql and
// VERSION_name.down.sql. They are compiled into the binary, so a deployed
// server never looks for them on disk.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// MigrationsDir is the directory inside Migrations that holds the files.
const MigrationsDir = "migrations"

// ApplyMigrations brings the database at url up to the newest version in
// Migrations. A database already at that version is left alone.
func ApplyMigrations(ctx context.Context, url string) error {
	return Up(ctx, url, Migrations, MigrationsDir)
}

// RevertMigrations runs every down migration, leaving only golang-migrate's
// own bookkeeping table behind.
func RevertMigrations(ctx context.Context, url string) error {
	return run(ctx, url, Migrations, MigrationsDir, (*migrate.Migrate).Down)
}

// Up applies every pending migration found in dir of fsys.
// It is exported so that tests can stack extra migrations on top of the
// chapter's (exercise 4 does).
func Up(ctx context.Context, url string, fsys fs.FS, dir string) error {
	return run(ctx, url, fsys, dir, (*migrate.Migrate).Up)
}

// Steps applies n migrations up (n > 0) or down (n < 0) from the current version.
func Steps(ctx context.Context, url string, fsys fs.FS, dir string, n int) error {
	return run(ctx, url, fsys, dir, func(m *migrate.Migrate) error { return m.Steps(n) })
}

// Version reports the version the database is at (0 when no migration is
// applied) and whether a migration failed half-way ("dirty"): golang-migrate
// then refuses to run until someone fixes the schema and forces a version.
func Version(ctx context.Context, url string) (version uint, dirty bool, err error) {
	err = run(ctx, url, Migrations, MigrationsDir, func(m *migrate.Migrate) error {
		version, dirty, err = m.Version()
		if errors.Is(err, migrate.ErrNilVersion) {
			return nil
		}
		return err
	})
	return version, dirty, err
}

func run(ctx context.Context, url string, fsys fs.FS, dir string, step func(*migrate.Migrate) error) error {
	src, err := iofs.New(fsys, dir)
	if err != nil {
		return fmt.Errorf("schema: read migrations: %w", err)
	}
	db, err := sql.Open("pgx/v5", url)
	if err != nil {
		return fmt.Errorf("schema: open database: %w", err)
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("schema: connect: %w", err)
	}
	driver, err := migratepgx.WithInstance(db, &migratepgx.Config{})
	if err != nil {
		return fmt.Errorf("schema: migration driver: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		return fmt.Errorf("schema: migrator: %w", err)
	}
	defer m.Close()

	// golang-migrate predates context; GracefulStop makes it stop between
	// two migrations (never inside one) when ctx is cancelled.
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			m.GracefulStop <- true
		case <-done:
		}
	}()

	if err := step(m); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("schema: migrate: %w", err)
	}
	return nil
}
