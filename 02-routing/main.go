// Command 02-routing serves a small slice of the Conduit API through
// gorilla/mux: versioned subrouters, host routing, typed route parameters,
// named routes used to build URLs, route-specific middleware and honest
// 404/405 answers.
//
//	go run ./02-routing                      # listens on 127.0.0.1:8002
//	go run ./02-routing -addr 127.0.0.1:9000 # or ADDR=127.0.0.1:9000
//	go run ./02-routing -log-format json     # or LOG_FORMAT=json
//	go run ./02-routing -h                   # every flag and its environment variable
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr      string // host:port to listen on
	logFormat string // "text" or "json"
}

// shutdownGrace is how long in-flight requests get to finish after SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "02-routing:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "02-routing:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// run listens, serves until SIGINT or SIGTERM, then lets requests in flight
// finish within shutdownGrace (chapter 20 takes graceful shutdown apart).
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String())
	return serve.Run(ctx, newServer(logger), ln, logger, shutdownGrace)
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, LOG_FORMAT) and then from laptop-friendly values.
// Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("02-routing", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8002"), "listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// newServer returns the chapter's http.Server, with the timeouts of
// serve.NewServer: a server without them lets one slow client hold a
// connection forever.
func newServer(logger *slog.Logger) *http.Server {
	return serve.NewServer(routes(newArticleStore(), logger), logger)
}
