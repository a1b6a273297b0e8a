// Command 21-security runs deliberately vulnerable routes (/vuln/...) beside
// their fixed twins (/safe/...): SQL injection, stored XSS, SSRF and CSRF,
// plus a throttled login, security headers, a hardened TLS config and an
// audit log of security events.
//
//	DATABASE_URL='postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable' go run ./21-security
//
// The vulnerable routes are real vulnerabilities, so the server refuses to
// listen on anything but a loopback address (see checkLoopback).
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/crypto/bcrypt"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr        string // host:port to listen on; loopback only
	databaseURL string // PostgreSQL for the SQL and login routes; empty: they answer 503
	tlsCert     string // PEM certificate file; with tlsKey, serve HTTPS with hardenedTLS
	tlsKey      string // PEM key file
	logFormat   string // "text" or "json"
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "21-security:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "21-security:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, each defaulting to an environment
// variable (ADDR, DATABASE_URL, TLS_CERT, TLS_KEY, LOG_FORMAT) and then to a
// laptop value. Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("21-security", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8021"), "listen address, loopback only (env ADDR)")
	fs.StringVar(&cfg.databaseURL, "database-url", getenv("DATABASE_URL"), "PostgreSQL URL for the SQL and login routes (env DATABASE_URL)")
	fs.StringVar(&cfg.tlsCert, "tls-cert", getenv("TLS_CERT"), "PEM certificate: serve HTTPS (env TLS_CERT)")
	fs.StringVar(&cfg.tlsKey, "tls-key", getenv("TLS_KEY"), "PEM private key (env TLS_KEY)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if err := checkLoopback(cfg.addr); err != nil {
		return config{}, err
	}
	if (cfg.tlsCert == "") != (cfg.tlsKey == "") {
		return config{}, errors.New("-tls-cert and -tls-key go together")
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// checkLoopback fails unless addr's host is a loopback IP or "localhost":
// the /vuln routes must never be reachable from another machine.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.Unmap().IsLoopback() {
		return fmt.Errorf("addr %q: this server has deliberately vulnerable routes and listens on loopback only (127.0.0.1 or [::1])", addr)
	}
	return nil
}

func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	a := newApp(logger)
	if cfg.databaseURL != "" {
		db, err := pgxpool.New(ctx, cfg.databaseURL)
		if err != nil {
			return fmt.Errorf("database: %w", err)
		}
		defer db.Close()
		setupCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err = setupSchema(setupCtx, db, bcrypt.DefaultCost)
		cancel()
		if err != nil {
			return fmt.Errorf("database schema: %w", err)
		}
		a.db = db
	} else {
		logger.Warn("no DATABASE_URL: the SQL and login routes answer 503")
	}

	srv := serve.NewServer(a.routes(), logger)
	scheme := "http"
	if cfg.tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(cfg.tlsCert, cfg.tlsKey)
		if err != nil {
			return err
		}
		srv.TLSConfig = hardenedTLS()
		srv.TLSConfig.Certificates = []tls.Certificate{cert}
		scheme = "https"
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", scheme+"://"+ln.Addr().String())
	return serve.Run(ctx, srv, ln, logger, 10*time.Second)
}
