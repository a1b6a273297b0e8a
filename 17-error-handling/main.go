// Command 17-error-handling serves a slice of the publishing API whose
// routes fail in every way a backend fails — the client's mistakes, a
// failing dependency, a bug — and answers each as an RFC 9457 problem with a
// stable code and the request ID, logging each failure once.
//
//	go run ./17-error-handling                 # 127.0.0.1:8017
//	go run ./17-error-handling -dep-mode flaky # the fake dependency fails 2 calls in 3
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr        string        // host:port to listen on
	logFormat   string        // "text" or "json"
	depMode     string        // the fake analytics dependency's starting mode
	depBudget   time.Duration // deadline of one views call, retries included
	breakerOpen time.Duration // how long the breaker stays open before a probe
	coversDir   string        // where article covers live
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "17-error-handling:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "17-error-handling:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, LOG_FORMAT, DEP_MODE, DEP_BUDGET, BREAKER_OPEN,
// COVERS_DIR) and then from laptop-friendly values. Flag errors and -h
// usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	durations := map[string]time.Duration{}
	for _, d := range []struct{ env, def string }{{"DEP_BUDGET", "1s"}, {"BREAKER_OPEN", "10s"}} {
		v, err := time.ParseDuration(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not a duration", d.env, getenv(d.env))
		}
		durations[d.env] = v
	}
	var cfg config
	fs := flag.NewFlagSet("17-error-handling", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8017"), "listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	fs.StringVar(&cfg.depMode, "dep-mode", serve.EnvOr(getenv, "DEP_MODE", "up"), "fake analytics dependency: up, down, flaky or slow (env DEP_MODE)")
	fs.DurationVar(&cfg.depBudget, "dep-budget", durations["DEP_BUDGET"], "deadline of one dependency call, retries included (env DEP_BUDGET)")
	fs.DurationVar(&cfg.breakerOpen, "breaker-open", durations["BREAKER_OPEN"], "how long the circuit breaker stays open (env BREAKER_OPEN)")
	fs.StringVar(&cfg.coversDir, "covers-dir", serve.EnvOr(getenv, "COVERS_DIR", filepath.Join(os.TempDir(), "workbook-17-covers")), "directory of article covers (env COVERS_DIR)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	if !slices.Contains(analyticsModes, cfg.depMode) {
		return config{}, fmt.Errorf("dep mode must be one of %v, got %q", analyticsModes, cfg.depMode)
	}
	if cfg.depBudget <= 0 || cfg.breakerOpen <= 0 {
		return config{}, fmt.Errorf("dep budget (%s) and breaker open time (%s) must be positive", cfg.depBudget, cfg.breakerOpen)
	}
	return cfg, nil
}

// newApp builds the server's state from cfg.
func newApp(cfg config, logger *slog.Logger) *server {
	return &server{
		logger:    logger,
		articles:  newArticleStore(seedArticles...),
		coversDir: cfg.coversDir,
		views:     newViewsClient(newAnalytics(cfg.depMode), cfg.depBudget, cfg.breakerOpen, logger),
	}
}

func run(cfg config, logger *slog.Logger) error {
	if err := prepareCovers(cfg.coversDir); err != nil {
		return fmt.Errorf("covers directory: %w", err)
	}
	ctx, stop := serve.SignalContext()
	defer stop()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "dep_mode", cfg.depMode, "covers_dir", cfg.coversDir)
	return serve.Run(ctx, serve.NewServer(newApp(cfg, logger).routes(), logger), ln, logger, 10*time.Second)
}
