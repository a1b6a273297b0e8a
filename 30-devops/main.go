// Command 30-devops is a small service built to be shipped: it reports the
// build it came from (GET /version, from -ldflags and the Go build info),
// answers the probes an orchestrator asks (/livez, /readyz), and carries the
// operator's chores as subcommands, so the one static binary in the
// distroless image is all a container needs.
//
//	go run ./30-devops                                    # serve on 127.0.0.1:8030
//	go run ./30-devops -database-url "$URL"               # /readyz pings PostgreSQL
//	go run ./30-devops healthcheck                        # exit 0 when /livez answers (Docker HEALTHCHECK)
//	go run ./30-devops -database-url "$URL" backup f.dump # pg_dump -Fc
//	go run ./30-devops -database-url "$URL" restore f.dump
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

	"workbook/30-devops/backup"
	"workbook/serve"
)

// config is everything the service can be told at start-up.
type config struct {
	addr         string        // host:port to listen on (and to probe, for healthcheck)
	databaseURL  string        // PostgreSQL; empty: /readyz does not ping anything
	readyTimeout time.Duration // how long /readyz waits for the ping
	logFormat    string        // "text" or "json"
	pgDump       string        // pg_dump binary, for backup
	pgRestore    string        // pg_restore binary, for restore
	command      string        // "serve", "healthcheck", "backup" or "restore"
	file         string        // the dump file of backup and restore
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "30-devops:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "30-devops:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("30-devops: "+cfg.command+" failed", "err", err)
		os.Exit(1)
	}
}

// run does what cfg.command names.
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	tools := backup.Tools{PgDump: cfg.pgDump, PgRestore: cfg.pgRestore}
	switch cfg.command {
	case "healthcheck":
		return healthcheck(ctx, cfg.addr)
	case "backup":
		start := time.Now()
		if err := tools.Dump(ctx, cfg.databaseURL, cfg.file); err != nil {
			return err
		}
		st, err := os.Stat(cfg.file)
		if err != nil {
			return err
		}
		logger.Info("backup written", "file", cfg.file, "bytes", st.Size(), "took", time.Since(start).Round(time.Millisecond))
		return nil
	case "restore":
		start := time.Now()
		if err := tools.Restore(ctx, cfg.databaseURL, cfg.file); err != nil {
			return err
		}
		logger.Info("backup restored", "file", cfg.file, "took", time.Since(start).Round(time.Millisecond))
		return nil
	}

	ready, closeDB, err := newReadiness(cfg.databaseURL, cfg.readyTimeout)
	if err != nil {
		return err
	}
	defer closeDB()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	bi := currentBuild()
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "version", bi.Version, "commit", bi.Commit, "go", bi.GoVersion)
	return serve.Run(ctx, serve.NewServer(routes(bi, ready), logger), ln, logger, 10*time.Second)
}

// parseConfig reads flags from args, taking each default from the environment
// (ADDR, DATABASE_URL, READY_TIMEOUT, LOG_FORMAT, PG_DUMP, PG_RESTORE) and then
// from laptop-friendly values. What follows the flags is the command: nothing
// (serve), healthcheck, or backup/restore with a file. Flag errors and -h
// usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	readyTimeout, err := time.ParseDuration(serve.EnvOr(getenv, "READY_TIMEOUT", "2s"))
	if err != nil {
		return config{}, fmt.Errorf("READY_TIMEOUT=%q is not a duration", getenv("READY_TIMEOUT"))
	}
	var cfg config
	fs := flag.NewFlagSet("30-devops", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.Usage = func() {
		fmt.Fprintln(usage, "usage: 30-devops [flags] [healthcheck | backup FILE | restore FILE]")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8030"), "listen address; healthcheck probes it (env ADDR)")
	fs.StringVar(&cfg.databaseURL, "database-url", getenv("DATABASE_URL"), "PostgreSQL URL; empty: /readyz checks nothing (env DATABASE_URL)")
	fs.DurationVar(&cfg.readyTimeout, "ready-timeout", readyTimeout, "how long /readyz waits for the database (env READY_TIMEOUT)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	fs.StringVar(&cfg.pgDump, "pg-dump", serve.EnvOr(getenv, "PG_DUMP", "pg_dump"), "pg_dump binary for backup (env PG_DUMP)")
	fs.StringVar(&cfg.pgRestore, "pg-restore", serve.EnvOr(getenv, "PG_RESTORE", "pg_restore"), "pg_restore binary for restore (env PG_RESTORE)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	if cfg.readyTimeout <= 0 {
		return config{}, fmt.Errorf("ready timeout must be positive, got %s", cfg.readyTimeout)
	}
	rest := fs.Args()
	cfg.command = "serve"
	if len(rest) > 0 {
		cfg.command = rest[0]
	}
	switch cfg.command {
	case "serve", "healthcheck":
		if len(rest) > 1 {
			return config{}, fmt.Errorf("%s takes no arguments, got %q", cfg.command, rest[1:])
		}
	case "backup", "restore":
		if len(rest) != 2 {
			return config{}, fmt.Errorf("usage: 30-devops %s FILE", cfg.command)
		}
		if cfg.databaseURL == "" {
			return config{}, fmt.Errorf("%s needs -database-url or DATABASE_URL", cfg.command)
		}
		cfg.file = rest[1]
	default:
		return config{}, fmt.Errorf("unknown command %q: want healthcheck, backup or restore", cfg.command)
	}
	return cfg, nil
}

// healthcheck asks the server at addr for /livez: the Dockerfile's
// HEALTHCHECK, since the distroless image has no shell and no curl.
func healthcheck(ctx context.Context, addr string) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return probe(ctx, "http://"+dialable(addr)+"/livez")
}
