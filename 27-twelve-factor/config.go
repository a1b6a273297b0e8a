package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"time"

	"workbook/serve"
)

// config is everything a process of this app is told at start-up. Every
// command (web, worker, migrate, create-user, release) reads it the same way,
// from the environment, so that an admin process runs against exactly the
// backing services the web process uses (factors III and XII).
type config struct {
	addr            string        // host:port to bind (factor VII)
	databaseURL     string        // notes and users: memory:// or postgres://
	sessionStoreURL string        // sessions: memory:// or postgres://
	sessionTTL      time.Duration // how long a login lasts
	workerInterval  time.Duration // how often the worker purges expired sessions
	logFormat       string        // "json" (default) or "text"
	command         string        // web (default), worker, migrate, create-user, release
	args            []string      // the command's own arguments
}

// parseConfig reads flags from args, taking every default from the
// environment and then from laptop-friendly values. There is no config
// file: the environment is the one place a deploy changes.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	// ADDR wins; otherwise HOST and PORT, the pair most platforms set
	// (a platform sets HOST=0.0.0.0; the laptop default stays on loopback).
	addr := serve.EnvOr(getenv, "ADDR", net.JoinHostPort(
		serve.EnvOr(getenv, "HOST", "127.0.0.1"), serve.EnvOr(getenv, "PORT", "8027")))
	durations := map[string]time.Duration{}
	for _, d := range []struct{ env, def string }{{"SESSION_TTL", "24h"}, {"WORKER_INTERVAL", "1m"}} {
		v, err := time.ParseDuration(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not a duration", d.env, getenv(d.env))
		}
		durations[d.env] = v
	}

	var cfg config
	fs := flag.NewFlagSet("27-twelve-factor", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.Usage = func() {
		fmt.Fprintln(usage, "usage: 27-twelve-factor [flags] [web|worker|migrate|create-user NAME|release]")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.addr, "addr", addr, "listen address (env ADDR, or HOST and PORT)")
	fs.StringVar(&cfg.databaseURL, "database-url", serve.EnvOr(getenv, "DATABASE_URL", "memory://"), "notes and users store: memory:// or postgres://… (env DATABASE_URL)")
	fs.StringVar(&cfg.sessionStoreURL, "session-store-url", serve.EnvOr(getenv, "SESSION_STORE_URL", "memory://"), "session store: memory:// or postgres://… (env SESSION_STORE_URL)")
	fs.DurationVar(&cfg.sessionTTL, "session-ttl", durations["SESSION_TTL"], "how long a login lasts (env SESSION_TTL)")
	fs.DurationVar(&cfg.workerInterval, "worker-interval", durations["WORKER_INTERVAL"], "how often the worker purges expired sessions (env WORKER_INTERVAL)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "json"), "log format: json or text (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	cfg.command, cfg.args = "web", fs.Args()
	if len(cfg.args) > 0 {
		cfg.command, cfg.args = cfg.args[0], cfg.args[1:]
	}
	if !slices.Contains([]string{"web", "worker", "migrate", "create-user", "release"}, cfg.command) {
		return config{}, fmt.Errorf("unknown command %q; want web, worker, migrate, create-user or release", cfg.command)
	}
	for _, u := range []struct{ name, raw string }{{"DATABASE_URL", cfg.databaseURL}, {"SESSION_STORE_URL", cfg.sessionStoreURL}} {
		if _, err := backingKind(u.raw); err != nil {
			return config{}, fmt.Errorf("%s: %w", u.name, err)
		}
	}
	if cfg.sessionTTL <= 0 || cfg.workerInterval <= 0 {
		return config{}, fmt.Errorf("session TTL and worker interval must be positive, got %s and %s", cfg.sessionTTL, cfg.workerInterval)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be json or text, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// redacted is the config as it may be shown: in a log line, a manifest.
// A URL keeps its scheme, host and database but not its password.
func (c config) redacted() map[string]string {
	return map[string]string{
		"addr":              c.addr,
		"database_url":      redactURL(c.databaseURL),
		"session_store_url": redactURL(c.sessionStoreURL),
		"session_ttl":       c.sessionTTL.String(),
		"worker_interval":   c.workerInterval.String(),
		"log_format":        c.logFormat,
	}
}

// redactURL hides the password of a URL's user info (url.URL.Redacted
// writes "xxxxx" in its place) and of a password= query parameter, which
// libpq-style URLs accept too.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	_, hasPassword := u.User.Password()
	q := u.Query()
	if !hasPassword && !q.Has("password") {
		return raw // nothing to hide; memory:// stays memory://
	}
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}
