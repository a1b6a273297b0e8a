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
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "05-middleware:", err)
		os.Exit(1)
	}
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// parseConfig reads flags, with environment variables as their defaults.
func parseConfig(args []string, getenv func(string) string) (addr string, cfg Config, err error) {
	cfg = DefaultConfig()
	fs := flag.NewFlagSet("05-middleware", flag.ContinueOnError)
	fs.StringVar(&addr, "addr", envOr(getenv, "ADDR", "127.0.0.1:8005"), "listen address (env ADDR)")
	origins := fs.String("cors-origins", envOr(getenv, "CORS_ORIGINS", "http://localhost:3000"), "comma-separated origins allowed by CORS (env CORS_ORIGINS)")
	tokens := fs.String("tokens", envOr(getenv, "API_TOKENS", "demo-token:ada"), "comma-separated token:user pairs for /api (env API_TOKENS)")
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

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	addr, cfg, err := parseConfig(args, getenv)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stdout, nil))

	srv := &http.Server{
		Handler:           NewServer(cfg, logger),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      15 * time.Second, // /stream extends its own deadline
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelError),
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("listening", "addr", "http://"+ln.Addr().String())

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
