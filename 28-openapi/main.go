// Command 28-openapi serves a small bookmarks API (a slice of the Conduit
// domain: saved links and their tags) whose OpenAPI document is generated
// from the handlers' annotations by swaggo/swag, served with Swagger UI at
// /swagger/ and, converted to OpenAPI 3 by kin-openapi, at /openapi.json.
//
//	go run ./28-openapi                      # 127.0.0.1:8028
//	go run ./28-openapi -token s3cret        # the token writes need
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
	"time"

	"workbook/serve"
)

// config is everything the service can be told at start-up.
type config struct {
	addr      string // host:port to listen on
	token     string // the API token that POST and DELETE need
	logFormat string // "text" or "json"
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "28-openapi:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "28-openapi:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the environment
// (ADDR, API_TOKEN, LOG_FORMAT) and then from laptop-friendly values. Flag
// errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("28-openapi", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8028"), "listen address (env ADDR)")
	fs.StringVar(&cfg.token, "token", serve.EnvOr(getenv, "API_TOKEN", "dev-token"), "token for POST and DELETE: Authorization: Token <token> (env API_TOKEN)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if cfg.token == "" {
		return config{}, errors.New("the API token must not be empty")
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

func run(cfg config, logger *slog.Logger) error {
	handler, err := newHandler(newStore(seed()), cfg.token, logger)
	if err != nil {
		return err
	}
	ctx, stop := serve.SignalContext()
	defer stop()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "swagger", "http://"+ln.Addr().String()+"/swagger/index.html")
	return serve.Run(ctx, serve.NewServer(handler, logger), ln, logger, 10*time.Second)
}
