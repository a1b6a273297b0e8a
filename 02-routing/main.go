// Command 02-routing serves a small slice of the Conduit API through
// gorilla/mux: versioned subrouters, host routing, typed route parameters,
// named routes used to build URLs, route-specific middleware and honest
// 404/405 answers.
//
//	go run ./02-routing                      # listens on 127.0.0.1:8002
//	go run ./02-routing -addr 127.0.0.1:9000 # or ADDR=127.0.0.1:9000
//	go run ./02-routing -log-format json     # or LOG_FORMAT=json
package main

import (
	"flag"
	"fmt"
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
	cfg, err := parseConfig(os.Args[1:], os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "02-routing:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "02-routing:", err)
		os.Exit(2)
	}
	ctx, stop := serve.SignalContext()
	defer stop()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		logger.Error("listen failed", "addr", cfg.addr, "err", err)
		os.Exit(1)
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String())
	// serve.Run serves until Ctrl-C or SIGTERM, then lets requests in flight
	// finish within shutdownGrace (chapter 20 takes it apart).
	if err := serve.Run(ctx, newServer(logger), ln, logger, shutdownGrace); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, LOG_FORMAT) and then from laptop-friendly values.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("02-routing", flag.ContinueOnError)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8002"), "listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format %q is neither text nor json", cfg.logFormat)
	}
	return cfg, nil
}

// newServer returns the chapter's http.Server, with the timeouts of
// serve.NewServer: a server without them lets one slow client hold a
// connection forever.
func newServer(logger *slog.Logger) *http.Server {
	return serve.NewServer(newRouter(newArticleStore(), logger), logger)
}
