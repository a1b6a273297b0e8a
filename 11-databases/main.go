// Command 11-databases serves articles, tags, users and comments from
// PostgreSQL: a pgxpool with every setting explained, a schema migrated at
// start by golang-migrate from SQL files embedded in the binary, keyset
// pagination, tags loaded for a whole page in one query, transactions retried
// on serialization failures, and an endpoint that shows query plans.
//
//	go run ./11-databases                    # migrate up, seed demo data, serve on 127.0.0.1:8011
//	go run ./11-databases -migrate down      # revert every migration and exit
//	go run ./11-databases -migrate version   # print the schema version and exit
//	go run ./11-databases -h                 # every flag and its environment variable
//
// The database comes from DATABASE_URL (or -database-url). Every flag has an
// environment variable of the same meaning; a flag wins over the environment.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"time"

	"workbook/11-databases/schema"
	"workbook/serve"
)

// defaultDatabaseURL matches `docker compose up -d postgres` at the repo root.
const defaultDatabaseURL = "postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable"

// config is everything the server can be told at start-up.
type config struct {
	addr         string
	databaseURL  string
	migrate      string // "up" (default: migrate, then serve), "down" or "version" (then exit)
	seed         bool
	maxConns     int
	minConns     int
	logFormat    string
	connectLimit time.Duration
}

const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "11-databases:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "11-databases:", err)
		os.Exit(2)
	}
	ctx, stop := serve.SignalContext()
	defer stop()

	if err := run(ctx, cfg, logger); err != nil {
		var unreachable *unreachableError
		if errors.As(err, &unreachable) {
			// A message a person can act on, not a stack trace.
			fmt.Fprintln(os.Stderr, unreachable.Hint())
			os.Exit(1)
		}
		logger.Error("stopped", "err", err)
		os.Exit(1)
	}
}

// run connects, migrates (or reverts, or reports the version), seeds, and
// serves until SIGINT or SIGTERM.
func run(ctx context.Context, cfg config, logger *slog.Logger) error {
	connectCtx, cancel := context.WithTimeout(ctx, cfg.connectLimit)
	defer cancel()
	pool, err := newPool(connectCtx, cfg.databaseURL, poolSettings{MaxConns: cfg.maxConns, MinConns: cfg.minConns, StatementTimeout: requestTimeout})
	if err != nil {
		return err
	}
	defer pool.Close()

	switch cfg.migrate {
	case "down":
		if err := schema.RevertMigrations(ctx, cfg.databaseURL); err != nil {
			return err
		}
		logger.Info("reverted every migration")
		return nil
	case "version":
		v, dirty, err := schema.Version(ctx, cfg.databaseURL)
		if err != nil {
			return err
		}
		fmt.Printf("schema version %d (dirty: %t)\n", v, dirty)
		return nil
	}

	if err := schema.ApplyMigrations(ctx, cfg.databaseURL); err != nil {
		return err
	}
	version, _, err := schema.Version(ctx, cfg.databaseURL)
	if err != nil {
		return err
	}
	logger.Info("schema migrated", "version", version)
	store := newPGStore(pool)
	if cfg.seed {
		n, err := seed(ctx, pool)
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		if n > 0 {
			logger.Info("seeded demo data", "articles", n)
		}
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String())
	// serve.Run serves until Ctrl-C or SIGTERM, then lets requests in flight
	// finish within shutdownGrace (chapter 20 takes it apart).
	return serve.Run(ctx, newServer(store, logger), ln, logger, shutdownGrace)
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, DATABASE_URL, MIGRATE, SEED, POOL_MAX_CONNS,
// POOL_MIN_CONNS, LOG_FORMAT) and then from laptop-friendly values. Flag
// errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	envInt := func(key string, fallback int) (int, error) {
		v, err := strconv.Atoi(serve.EnvOr(getenv, key, strconv.Itoa(fallback)))
		if err != nil {
			return 0, fmt.Errorf("%s=%q is not a number", key, getenv(key))
		}
		return v, nil
	}
	seedDefault, err := strconv.ParseBool(serve.EnvOr(getenv, "SEED", "true"))
	if err != nil {
		return config{}, fmt.Errorf("SEED=%q is not a boolean", getenv("SEED"))
	}
	maxConns, err := envInt("POOL_MAX_CONNS", 10)
	if err != nil {
		return config{}, err
	}
	minConns, err := envInt("POOL_MIN_CONNS", 2)
	if err != nil {
		return config{}, err
	}

	cfg := config{connectLimit: 5 * time.Second}
	fs := flag.NewFlagSet("11-databases", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8011"), "listen address (env ADDR)")
	fs.StringVar(&cfg.databaseURL, "database-url", serve.EnvOr(getenv, "DATABASE_URL", defaultDatabaseURL), "PostgreSQL URL (env DATABASE_URL)")
	fs.StringVar(&cfg.migrate, "migrate", serve.EnvOr(getenv, "MIGRATE", "up"), "up (then serve), down or version (then exit) (env MIGRATE)")
	fs.BoolVar(&cfg.seed, "seed", seedDefault, "insert demo data into an empty database (env SEED)")
	fs.IntVar(&cfg.maxConns, "pool-max-conns", maxConns, "most connections the pool opens (env POOL_MAX_CONNS)")
	fs.IntVar(&cfg.minConns, "pool-min-conns", minConns, "connections the pool keeps open when idle (env POOL_MIN_CONNS)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	switch {
	case cfg.migrate != "up" && cfg.migrate != "down" && cfg.migrate != "version":
		return config{}, fmt.Errorf("-migrate must be up, down or version, got %q", cfg.migrate)
	case cfg.maxConns < 1 || cfg.minConns < 0 || cfg.minConns > cfg.maxConns:
		return config{}, fmt.Errorf("want 0 <= pool-min-conns (%d) <= pool-max-conns (%d), and pool-max-conns >= 1", cfg.minConns, cfg.maxConns)
	case cfg.logFormat != "text" && cfg.logFormat != "json":
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}
