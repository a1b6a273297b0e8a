// Command 20-graceful-shutdown runs a small service (HTTP, a background
// worker, a slow fake dependency) whose shutdown on SIGTERM or SIGINT walks
// through every step of a graceful stop and logs each one.
//
//	go run ./20-graceful-shutdown                     # 127.0.0.1:8020
//	go run ./20-graceful-shutdown -dep-close -1s      # a dependency that never closes: shutdown is forced
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"workbook/serve"
)

// config is everything the service can be told at start-up.
type config struct {
	addr       string        // host:port to listen on
	drainDelay time.Duration // how long /readyz fails before the listener closes
	grace      time.Duration // the whole shutdown's hard deadline
	depClose   time.Duration // how long the fake dependency takes to close; negative: never
	logFormat  string        // "text" or "json"
}

// exitForced is the exit status when the hard deadline cut the shutdown short.
const exitForced = 3

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "20-graceful-shutdown:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "20-graceful-shutdown:", err)
		os.Exit(2)
	}
	err = run(cfg, logger)
	if errors.Is(err, errForced) {
		os.Exit(exitForced)
	}
	if err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the environment
// (ADDR, DRAIN_DELAY, SHUTDOWN_GRACE, DEP_CLOSE, LOG_FORMAT) and then from
// laptop-friendly values. Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	durations := map[string]time.Duration{}
	for _, d := range []struct{ env, def string }{
		{"DRAIN_DELAY", "2s"}, {"SHUTDOWN_GRACE", "20s"}, {"DEP_CLOSE", "500ms"},
	} {
		v, err := time.ParseDuration(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not a duration", d.env, getenv(d.env))
		}
		durations[d.env] = v
	}

	var cfg config
	fs := flag.NewFlagSet("20-graceful-shutdown", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8020"), "listen address (env ADDR)")
	fs.DurationVar(&cfg.drainDelay, "drain-delay", durations["DRAIN_DELAY"], "how long /readyz fails before the listener closes (env DRAIN_DELAY)")
	fs.DurationVar(&cfg.grace, "grace", durations["SHUTDOWN_GRACE"], "hard deadline for the whole shutdown (env SHUTDOWN_GRACE)")
	fs.DurationVar(&cfg.depClose, "dep-close", durations["DEP_CLOSE"], "how long the fake dependency takes to close; negative never closes (env DEP_CLOSE)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.drainDelay < 0 {
		return config{}, fmt.Errorf("drain delay must not be negative, got %s", cfg.drainDelay)
	}
	if cfg.grace <= cfg.drainDelay {
		return config{}, fmt.Errorf("grace (%s) must be longer than the drain delay (%s)", cfg.grace, cfg.drainDelay)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}
