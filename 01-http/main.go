// Command 01-http runs an HTTP inspector: a server that shows you what HTTP
// looks like from the server's side. It echoes requests back, answers with
// any status code you ask for, streams a chunked response and tells you
// which protocol and which TCP connection each request arrived on.
//
//	go run ./01-http                 # HTTP/1.1 and unencrypted HTTP/2 on 127.0.0.1:8001
//	go run ./01-http -tls            # HTTPS (HTTP/1.1 and HTTP/2) with a throwaway certificate
//
// Every flag has an environment variable of the same meaning (see parseConfig);
// a flag given on the command line wins over the environment.
package main

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"time"

	"workbook/serve"
)

// config is everything the inspector can be told at start-up.
type config struct {
	addr      string // host:port to listen on
	tls       bool   // serve HTTPS with a self-signed certificate made at start
	maxBody   int64  // largest request body /echo will read, in bytes
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
		fmt.Fprintln(os.Stderr, "01-http:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "01-http:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// run listens, serves until SIGINT or SIGTERM, and shuts down gracefully:
// serve.Run stops accepting, lets requests in flight finish within
// shutdownGrace, and serves TLS when srv.TLSConfig is set (chapter 20 takes
// graceful shutdown apart).
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	srv, err := newServer(cfg, logger)
	if err != nil {
		return err
	}
	// Listening before serving lets the log show the real address, even for ":0".
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if srv.TLSConfig != nil {
		scheme = "https"
	}
	logger.Info("listening", "url", scheme+"://"+ln.Addr().String(), "protocols", srv.Protocols.String())
	return serve.Run(ctx, srv, ln, logger, shutdownGrace)
}

// parseConfig reads flags from args, taking each default from the environment
// (ADDR, TLS, MAX_BODY_BYTES, LOG_FORMAT) and then from laptop-friendly values.
// Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	useTLS, err := strconv.ParseBool(serve.EnvOr(getenv, "TLS", "false"))
	if err != nil {
		return config{}, fmt.Errorf("TLS=%q is not a boolean", getenv("TLS"))
	}
	maxBody, err := strconv.ParseInt(serve.EnvOr(getenv, "MAX_BODY_BYTES", "1048576"), 10, 64)
	if err != nil {
		return config{}, fmt.Errorf("MAX_BODY_BYTES=%q is not a number", getenv("MAX_BODY_BYTES"))
	}

	var cfg config
	fs := flag.NewFlagSet("01-http", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8001"), "listen address (env ADDR)")
	fs.BoolVar(&cfg.tls, "tls", useTLS, "serve HTTPS with an in-memory self-signed certificate (env TLS)")
	fs.Int64Var(&cfg.maxBody, "max-body", maxBody, "largest request body /echo accepts, in bytes (env MAX_BODY_BYTES)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.maxBody <= 0 {
		return config{}, fmt.Errorf("max body must be positive, got %d", cfg.maxBody)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// tlsConfig returns a TLS configuration holding a fresh self-signed
// certificate for localhost, 127.0.0.1 and ::1.
func tlsConfig() (*tls.Config, error) {
	cert, err := selfSignedCert([]string{"localhost", "127.0.0.1", "::1"}, time.Now())
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}
