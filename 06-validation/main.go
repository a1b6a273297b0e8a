// Command 06-validation serves signup and article endpoints whose input is
// normalized, validated with go-playground/validator, and checked against
// stored state (uniqueness) under a deadline.
//
//	go run ./06-validation                   # http://127.0.0.1:8006
//	go run ./06-validation -repo-delay 2s    # a slow repository: see the deadline fire
//
// Every flag has an environment variable of the same meaning (see
// parseConfig); a flag given on the command line wins over the environment.
package main

import (
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

// shutdownGrace is how long in-flight requests get to finish after SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "06-validation:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "06-validation:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// config holds everything the server can be told from flags or environment.
type config struct {
	addr         string
	logFormat    string        // "text" or "json"
	checkTimeout time.Duration // deadline for contextual (uniqueness) checks
	repoDelay    time.Duration // simulated storage latency, to see the deadline fire
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, LOG_FORMAT, CHECK_TIMEOUT, REPO_DELAY) and then from
// laptop-friendly values. Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	checkTimeout, err := envDuration(getenv, "CHECK_TIMEOUT", 500*time.Millisecond)
	if err != nil {
		return config{}, err
	}
	repoDelay, err := envDuration(getenv, "REPO_DELAY", 0)
	if err != nil {
		return config{}, err
	}
	fs := flag.NewFlagSet("06-validation", flag.ContinueOnError)
	fs.SetOutput(usage)
	var c config
	fs.StringVar(&c.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8006"), "listen address (env ADDR)")
	fs.StringVar(&c.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	fs.DurationVar(&c.checkTimeout, "check-timeout", checkTimeout,
		"deadline for uniqueness checks against the repository (env CHECK_TIMEOUT)")
	fs.DurationVar(&c.repoDelay, "repo-delay", repoDelay,
		"simulated latency of every repository lookup (env REPO_DELAY)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if c.checkTimeout <= 0 {
		return config{}, fmt.Errorf("check timeout must be positive, got %v", c.checkTimeout)
	}
	if c.logFormat != "text" && c.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", c.logFormat)
	}
	return c, nil
}

// run listens, serves until SIGINT or SIGTERM, and shuts down gracefully
// (chapter 20 takes graceful shutdown apart).
func run(cfg config, logger *slog.Logger) error {
	h, err := newHandler(newMemoryRepo(cfg.repoDelay), cfg.checkTimeout, logger)
	if err != nil {
		return err
	}
	ctx, stop := serve.SignalContext()
	defer stop()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "check_timeout", cfg.checkTimeout.String(), "repo_delay", cfg.repoDelay.String())
	return serve.Run(ctx, serve.NewServer(h, logger), ln, logger, shutdownGrace)
}

func envDuration(getenv func(string) string, key string, def time.Duration) (time.Duration, error) {
	v := getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a duration such as 500ms", key, v)
	}
	return d, nil
}
