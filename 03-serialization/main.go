// Command 03-serialization serves one resource, the article, in five
// encodings (JSON, XML, MessagePack, Protocol Buffers, YAML) chosen by the
// Accept header or ?format=, and reads it back from each of them through
// bounded, strict decoders.
//
//	go run ./03-serialization                      # listens on 127.0.0.1:8003
//	go run ./03-serialization -addr 127.0.0.1:9000 # or ADDR=127.0.0.1:9000
//	go run ./03-serialization -log-format json     # or LOG_FORMAT=json
//	go run ./03-serialization -max-body 65536      # or MAX_BODY_BYTES=65536
//	go run ./03-serialization -h                   # every flag and its environment variable
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
	"strconv"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr      string // host:port to listen on
	logFormat string // "text" or "json"
	maxBody   int64  // largest request body any decoder will read, in bytes
}

// shutdownGrace is how long in-flight requests get to finish after SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "03-serialization:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "03-serialization:", err)
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
	return serve.Run(ctx, newServer(cfg, logger), ln, logger, shutdownGrace)
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, LOG_FORMAT, MAX_BODY_BYTES) and then from
// laptop-friendly values. Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	maxBody, err := strconv.ParseInt(serve.EnvOr(getenv, "MAX_BODY_BYTES", "1048576"), 10, 64)
	if err != nil {
		return config{}, fmt.Errorf("MAX_BODY_BYTES=%q is not an integer", getenv("MAX_BODY_BYTES"))
	}
	var cfg config
	fs := flag.NewFlagSet("03-serialization", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8003"), "listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	fs.Int64Var(&cfg.maxBody, "max-body", maxBody, "largest request body in bytes, at least 1024 (env MAX_BODY_BYTES)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.maxBody < 1024 {
		return config{}, fmt.Errorf("max body %d is below 1024 bytes", cfg.maxBody)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// newServer returns the chapter's http.Server, with the timeouts of
// serve.NewServer: a server without them lets one slow client hold a
// connection forever.
func newServer(cfg config, logger *slog.Logger) *http.Server {
	return serve.NewServer(newHandler(newArticleStore(), cfg.maxBody, logger), logger)
}
