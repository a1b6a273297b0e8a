// Command 05-middleware serves the middleware chapter: a gorilla/mux router
// wrapped in global middleware (request ID, logging, recovery, CORS, gzip)
// with route-specific auth and rate limiting on /api, and endpoints that
// make the order of the layers visible.
//
//	go run ./05-middleware                     # http://127.0.0.1:8005
//	go run ./05-middleware -rate 2 -burst 10   # a looser limit on /api
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
	"strconv"
	"strings"
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
		fmt.Fprintln(os.Stderr, "05-middleware:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "05-middleware:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// run listens, serves until SIGINT or SIGTERM, and shuts down gracefully
// (chapter 20 takes graceful shutdown apart). serve.NewServer's WriteTimeout
// (30 s) does not cut /stream, which extends its own write deadline.
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String())
	return serve.Run(ctx, serve.NewServer(newHandler(cfg, logger), logger), ln, logger, shutdownGrace)
}

// parseConfig reads flags from args, taking each default from the environment
// (ADDR, LOG_FORMAT, CORS_ORIGINS, API_TOKENS, RATE_PER_SECOND, RATE_BURST)
// and then from laptop-friendly values. Flag errors and -h usage are written
// to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	cfg := defaultConfig()
	rate, err := strconv.ParseFloat(serve.EnvOr(getenv, "RATE_PER_SECOND", "1"), 64)
	if err != nil {
		return config{}, fmt.Errorf("RATE_PER_SECOND=%q is not a number", getenv("RATE_PER_SECOND"))
	}
	burst, err := strconv.Atoi(serve.EnvOr(getenv, "RATE_BURST", "5"))
	if err != nil {
		return config{}, fmt.Errorf("RATE_BURST=%q is not a whole number", getenv("RATE_BURST"))
	}

	fs := flag.NewFlagSet("05-middleware", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8005"), "listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	origins := fs.String("cors-origins", serve.EnvOr(getenv, "CORS_ORIGINS", "http://localhost:3000"), "comma-separated origins allowed by CORS (env CORS_ORIGINS)")
	tokens := fs.String("tokens", serve.EnvOr(getenv, "API_TOKENS", "demo-token:ada"), "comma-separated token:user pairs for /api (env API_TOKENS)")
	fs.Float64Var(&cfg.ratePerS, "rate", rate, "token-bucket refill on /api: requests per second per client (env RATE_PER_SECOND)")
	fs.IntVar(&cfg.rateBurst, "burst", burst, "token-bucket size on /api: requests a rested client may send at once (env RATE_BURST)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.ratePerS <= 0 || cfg.rateBurst < 1 {
		return config{}, fmt.Errorf("rate must be > 0 and burst >= 1, got %g and %d", cfg.ratePerS, cfg.rateBurst)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	cfg.corsOrigins = strings.Split(*origins, ",")
	cfg.tokens = map[string]string{}
	for _, pair := range strings.Split(*tokens, ",") {
		tok, user, ok := strings.Cut(pair, ":")
		if !ok || tok == "" || user == "" {
			return config{}, fmt.Errorf("tokens: %q is not token:user", pair)
		}
		cfg.tokens[tok] = user
	}
	return cfg, nil
}
