// Command 05-middleware serves the middleware chapter: a gorilla/mux router
// wrapped in global middleware (request ID, logging, recovery, CORS, gzip)
// with route-specific auth and rate limiting on /api, and endpoints that
// make the order of the layers visible.
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
	"strings"
	"time"

	"workbook/serve"
)

func main() {
	ctx, stop := serve.SignalContext()
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "05-middleware:", err)
		os.Exit(1)
	}
}

// parseConfig reads flags, with environment variables as their defaults.
func parseConfig(args []string, getenv func(string) string) (addr string, cfg Config, err error) {
	cfg = DefaultConfig()
	fs := flag.NewFlagSet("05-middleware", flag.ContinueOnError)
	fs.StringVar(&addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8005"), "listen address (env ADDR)")
	origins := fs.String("cors-origins", serve.EnvOr(getenv, "CORS_ORIGINS", "http://localhost:3000"), "comma-separated origins allowed by CORS (env CORS_ORIGINS)")
	tokens := fs.String("tokens", serve.EnvOr(getenv, "API_TOKENS", "demo-token:ada"), "comma-separated token:user pairs for /api (env API_TOKENS)")
	fs.Float64Var(&cfg.RatePerS, "rate", 1, "requests per second per client on /api")
	fs.IntVar(&cfg.RateBurst, "burst", 5, "token-bucket burst on /api")
	if err := fs.Parse(args); err != nil {
		return "", cfg, err
	}
	if cfg.RatePerS <= 0 || cfg.RateBurst < 1 {
		return "", cfg, errors.New("-rate must be > 0 and -burst >= 1")
	}
	cfg.CORS.AllowedOrigins = strings.Split(*origins, ",")
	cfg.Tokens = map[string]string{}
	for _, pair := range strings.Split(*tokens, ",") {
		tok, user, ok := strings.Cut(pair, ":")
		if !ok || tok == "" || user == "" {
			return "", cfg, fmt.Errorf("-tokens: %q is not token:user", pair)
		}
		cfg.Tokens[tok] = user
	}
	return addr, cfg, nil
}

// run serves until ctx is cancelled.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	addr, cfg, err := parseConfig(args, getenv)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stdout, nil))

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String())
	// serve.Run serves until ctx is cancelled (Ctrl-C or SIGTERM), then lets
	// requests in flight finish within ten seconds (chapter 20 takes it apart).
	// serve.NewServer's WriteTimeout (30 s) does not cut /stream, which extends its own deadline.
	return serve.Run(ctx, serve.NewServer(NewServer(cfg, logger), logger), ln, logger, 10*time.Second)
}
