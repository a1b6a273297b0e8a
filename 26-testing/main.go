// Command 26-testing serves a small bookmarks API whose tests are the lesson:
// table-driven unit tests, a mockery mock beside a hand-written fake that
// passes the same contract suite as the PostgreSQL adapter, an integration
// test on a real PostgreSQL, an end-to-end test over HTTP, a fuzz target and
// golden files.
//
//	go run ./26-testing                                   # 127.0.0.1:8026, in-memory store
//	go run ./26-testing -database-url postgres://…        # the PostgreSQL adapter
//
// Every flag has an environment variable of the same meaning (see parseConfig).
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
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/26-testing/bookmark"
	"workbook/serve"
)

// config is everything the service can be told at start-up.
type config struct {
	addr        string // host:port to listen on
	databaseURL string // PostgreSQL URL; empty: the in-memory repository
	logFormat   string // "text" or "json"
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "26-testing:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "26-testing:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the environment
// (ADDR, DATABASE_URL, LOG_FORMAT) and then from laptop-friendly values. Flag
// errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("26-testing", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8026"), "listen address (env ADDR)")
	fs.StringVar(&cfg.databaseURL, "database-url", serve.EnvOr(getenv, "DATABASE_URL", ""), "PostgreSQL URL; empty keeps bookmarks in memory (env DATABASE_URL)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// run wires the repository chosen by the config into the service and serves
// until SIGINT or SIGTERM.
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	var repo bookmark.Repository = bookmark.NewMemory()
	store := "memory"
	if cfg.databaseURL != "" {
		pool, err := pgxpool.New(ctx, cfg.databaseURL)
		if err != nil {
			return fmt.Errorf("database url: %w", err)
		}
		defer pool.Close()
		pg := bookmark.NewPostgres(pool)
		migrateCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := pg.Migrate(migrateCtx); err != nil {
			return err
		}
		repo, store = pg, "postgres"
	}
	svc := bookmark.NewService(repo, time.Now)

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "store", store)
	return serve.Run(ctx, serve.NewServer(routes(svc, logger), logger), ln, logger, 10*time.Second)
}
