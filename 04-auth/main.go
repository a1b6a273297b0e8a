// Command 04-auth serves the authentication and authorization chapter:
// password signup and login, JWT access tokens with rotating refresh tokens,
// cookie sessions, an RBAC + ownership-protected resource, and an OAuth 2.0
// authorization-code + PKCE flow between two parties living in one binary.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"time"

	"workbook/serve"
)

func main() {
	ctx, stop := serve.SignalContext()
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "04-auth:", err)
		os.Exit(1)
	}
}

// options is the command-line and environment configuration.
type options struct {
	addr          string
	secret        string
	adminEmail    string
	adminPassword string
}

func parseOptions(args []string, getenv func(string) string) (options, error) {
	fs := flag.NewFlagSet("04-auth", flag.ContinueOnError)
	var o options
	fs.StringVar(&o.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8004"), "listen address (env ADDR)")
	fs.StringVar(&o.secret, "jwt-secret", getenv("JWT_SECRET"), "HMAC key for access tokens, >= 32 bytes (env JWT_SECRET; random per start when empty)")
	fs.StringVar(&o.adminEmail, "admin-email", serve.EnvOr(getenv, "ADMIN_EMAIL", "admin@example.com"), "seeded admin account (env ADMIN_EMAIL)")
	fs.StringVar(&o.adminPassword, "admin-password", serve.EnvOr(getenv, "ADMIN_PASSWORD", "correct horse battery staple"), "seeded admin password (env ADMIN_PASSWORD)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.secret != "" && len(o.secret) < 32 {
		return o, errors.New("-jwt-secret must be at least 32 bytes")
	}
	return o, nil
}

// run seeds the admin account and serves until ctx is cancelled.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	opts, err := parseOptions(args, getenv)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stdout, nil))

	secret := []byte(opts.secret)
	if len(secret) == 0 {
		// A random key means every restart logs everyone out: fine on a laptop,
		// wrong behind a load balancer where all replicas must share the key.
		secret = make([]byte, 32)
		rand.Read(secret)
		logger.Warn("no JWT_SECRET set; using a random key for this run")
	}

	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String()

	cfg := DefaultConfig()
	cfg.Secret = secret
	cfg.BaseURL = baseURL
	srv, err := NewServer(cfg, logger)
	if err != nil {
		ln.Close()
		return err
	}
	if _, err := srv.users.create(opts.adminEmail, opts.adminPassword, RoleAdmin, cfg.Argon2); err != nil {
		ln.Close()
		return fmt.Errorf("seed admin: %w", err)
	}

	logger.Info("listening", "addr", baseURL, "admin", opts.adminEmail)
	// serve.Run serves until ctx is cancelled (Ctrl-C or SIGTERM), then lets
	// requests in flight finish within ten seconds (chapter 20 takes it apart).
	return serve.Run(ctx, serve.NewServer(srv, logger), ln, logger, 10*time.Second)
}
