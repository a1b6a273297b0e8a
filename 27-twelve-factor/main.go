// Command 27-twelve-factor is a small notes API built along the twelve
// factors. Its backing services are chosen by URL, its sessions live in a
// store outside the process, it logs JSON events to stdout, and its admin
// tasks are commands of the same binary, reading the same config:
//
//	go run ./27-twelve-factor                          # web on 127.0.0.1:8027, memory://
//	DATABASE_URL=postgres://… SESSION_STORE_URL=postgres://… go run ./27-twelve-factor migrate
//	echo 'a long password' | go run ./27-twelve-factor create-user alice
//	go run ./27-twelve-factor worker                   # purges expired sessions
//	go run ./27-twelve-factor release                  # prints the release manifest
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"workbook/serve"
)

// processStart is taken as the package initialises: the start-up time the
// web process reports runs from here to an open listener (factor IX).
var processStart = time.Now()

func main() {
	ctx, stop := serve.SignalContext()
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole process, one command of it; it returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0 // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(stderr, "27-twelve-factor:", err)
		return 2
	}
	logger, err := serve.NewLogger(cfg.logFormat, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "27-twelve-factor:", err)
		return 2
	}
	logger = logger.With("process", cfg.command)
	if err := dispatch(ctx, cfg, logger, stdin, stdout); err != nil {
		logger.Error("stopped", "err", err)
		return 1
	}
	return 0
}

func dispatch(ctx context.Context, cfg config, logger *slog.Logger, stdin io.Reader, stdout io.Writer) error {
	if cfg.command == "release" {
		return runRelease(cfg, stdout) // needs no backing service
	}
	b, err := openBackends(ctx, cfg)
	if err != nil {
		return err
	}
	defer b.close()
	switch cfg.command {
	case "migrate":
		return runMigrate(ctx, cfg, b, logger)
	case "create-user":
		return runCreateUser(ctx, cfg, b, logger, stdin)
	case "worker":
		return runWorker(ctx, cfg, b, logger)
	default:
		return runWeb(ctx, cfg, b, logger)
	}
}

// runWeb binds its own port (factor VII) and serves until SIGTERM, then
// drains within the grace period (factor IX).
func runWeb(ctx context.Context, cfg config, b *backends, logger *slog.Logger) error {
	a := &app{store: b.store, sessions: b.sessions, sessionTTL: cfg.sessionTTL, logger: logger, now: time.Now}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "config", cfg.redacted(),
		"startup_ms", time.Since(processStart).Milliseconds())
	return serve.Run(ctx, serve.NewServer(routes(a), logger), ln, logger, 10*time.Second)
}

// runMigrate applies the schema to each PostgreSQL backing service. Run it
// twice and the second run applies nothing.
func runMigrate(ctx context.Context, cfg config, b *backends, logger *slog.Logger) error {
	targets := []struct {
		component, raw string
		store          any
	}{{"store", cfg.databaseURL, b.store}, {"sessions", cfg.sessionStoreURL, b.sessions}}
	for _, t := range targets {
		var applied int
		var err error
		switch s := t.store.(type) {
		case *pgStore:
			applied, err = migrate(ctx, s.pool, t.component)
		case *pgSessions:
			applied, err = migrate(ctx, s.pool, t.component)
		default:
			logger.Info("migrate: nothing to do", "component", t.component, "url", redactURL(t.raw))
			continue
		}
		if err != nil {
			return fmt.Errorf("migrate %s: %w", t.component, err)
		}
		logger.Info("migrated", "component", t.component, "url", redactURL(t.raw), "applied", applied)
	}
	return nil
}

// runCreateUser reads the password from stdin's first line, never from the
// command line (where ps and shell history would keep it).
func runCreateUser(ctx context.Context, cfg config, b *backends, logger *slog.Logger, stdin io.Reader) error {
	if len(cfg.args) != 1 {
		return errors.New("usage: create-user NAME (password on stdin)")
	}
	if kind, _ := backingKind(cfg.databaseURL); kind == "memory" {
		return errors.New("create-user on memory:// would vanish with this process; set DATABASE_URL to a shared store")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	c := credentials{Name: cfg.args[0], Password: strings.TrimRight(line, "\r\n")}
	if fe := c.problems(); fe != nil {
		return fmt.Errorf("%s: %s", fe[0].Pointer[1:], fe[0].Detail)
	}
	if err := createUser(ctx, b.store, c.Name, c.Password); err != nil {
		return fmt.Errorf("create-user %s: %w", c.Name, err)
	}
	logger.Info("user created", "name", c.Name)
	return nil
}

// runWorker purges expired sessions every interval until SIGTERM. A
// purge is idempotent, so a worker killed mid-run and restarted, or two
// workers at once, leave the same result.
func runWorker(ctx context.Context, cfg config, b *backends, logger *slog.Logger) error {
	if kind, _ := backingKind(cfg.sessionStoreURL); kind == "memory" {
		return errors.New("the worker needs a shared SESSION_STORE_URL; memory:// sessions live in the web process")
	}
	logger.Info("worker started", "interval", cfg.workerInterval.String(), "startup_ms", time.Since(processStart).Milliseconds())
	tick := time.NewTicker(cfg.workerInterval)
	defer tick.Stop()
	for {
		n, err := b.sessions.PurgeExpired(ctx, time.Now())
		if err != nil && ctx.Err() == nil {
			logger.Error("purge expired sessions", "err", err) // try again next tick
		} else if err == nil {
			logger.Info("purged expired sessions", "deleted", n)
		}
		select {
		case <-ctx.Done():
			logger.Info("worker stopped")
			return nil
		case <-tick.C:
		}
	}
}

// runRelease writes the release manifest: this build + this config.
func runRelease(cfg config, stdout io.Writer) error {
	if len(cfg.args) != 0 {
		return errors.New("usage: release (the manifest goes to stdout)")
	}
	m, err := newManifest(readBuild(), cfg.redacted())
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}
