// Command 04-auth serves the authentication and authorization chapter:
// password signup and login, JWT access tokens with rotating refresh tokens,
// cookie sessions, an RBAC + ownership-protected resource, and an OAuth 2.0
// authorization-code + PKCE flow between two parties living in one binary.
//
//	go run ./04-auth                      # listens on 127.0.0.1:8004
//	go run ./04-auth -log-format text     # or LOG_FORMAT=text (default json: audit lines are for machines)
//	go run ./04-auth -h                   # every flag and its environment variable
package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr          string // host:port to listen on
	secret        string // HMAC key for access tokens; random per start when empty
	adminEmail    string // the seeded admin account
	adminPassword string
	logFormat     string // "json" or "text"
}

// shutdownGrace is how long in-flight requests get to finish after SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "04-auth:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "04-auth:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, JWT_SECRET, ADMIN_EMAIL, ADMIN_PASSWORD, LOG_FORMAT)
// and then from laptop-friendly values. Flag errors and -h usage are
// written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("04-auth", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8004"), "listen address (env ADDR)")
	fs.StringVar(&cfg.secret, "jwt-secret", getenv("JWT_SECRET"), "HMAC key for access tokens, >= 32 bytes (env JWT_SECRET; random per start when empty)")
	fs.StringVar(&cfg.adminEmail, "admin-email", serve.EnvOr(getenv, "ADMIN_EMAIL", "admin@example.com"), "seeded admin account (env ADMIN_EMAIL)")
	fs.StringVar(&cfg.adminPassword, "admin-password", serve.EnvOr(getenv, "ADMIN_PASSWORD", "correct horse battery staple"), "seeded admin password (env ADMIN_PASSWORD)")
	// JSON by default: the audit lines of this chapter are meant for machines.
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "json"), "log format: json or text (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.secret != "" && len(cfg.secret) < 32 {
		return config{}, errors.New("-jwt-secret must be at least 32 bytes")
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// run seeds the admin account, serves until SIGINT or SIGTERM, then lets
// requests in flight finish within shutdownGrace (chapter 20 takes graceful
// shutdown apart).
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	secret := []byte(cfg.secret)
	if len(secret) == 0 {
		// A random key means every restart logs everyone out: fine on a laptop,
		// wrong behind a load balancer where all replicas must share the key.
		secret = []byte(rand.Text() + rand.Text())
		logger.Warn("no JWT_SECRET set; using a random key for this run")
	}

	// Listen first: the in-process OAuth client needs the real address.
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String()

	st := defaultSettings()
	st.Secret = secret
	st.BaseURL = baseURL
	h, err := newHandler(st, logger)
	if err != nil {
		ln.Close()
		return err
	}
	if _, err := h.users.create(cfg.adminEmail, cfg.adminPassword, roleAdmin, st.Argon2); err != nil {
		ln.Close()
		return fmt.Errorf("seed admin: %w", err)
	}

	logger.Info("listening", "addr", baseURL, "admin", cfg.adminEmail)
	return serve.Run(ctx, newServer(h, logger), ln, logger, shutdownGrace)
}

// newServer returns the chapter's http.Server: h with the timeouts of
// serve.NewServer, without which one slow client holds a connection forever.
func newServer(h http.Handler, logger *slog.Logger) *http.Server {
	return serve.NewServer(h, logger)
}
