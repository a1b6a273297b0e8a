// Command 07-request-content accepts request bodies in several content types
// (JSON, XML, urlencoded and multipart forms, plain text in any common
// charset, gzip-compressed or not), streams uploads to disk, and answers in
// the representation the client's Accept header prefers.
//
//	go run ./07-request-content                         # uploads go to a new temp dir
//	go run ./07-request-content -upload-dir ./uploads   # or to a directory you choose
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
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr      string
	uploadDir string // "" means: create a temporary directory
	maxBody   int64  // JSON, XML, form and text bodies, after decompression
	maxUpload int64  // a whole multipart request, and so each file in it
	logFormat string
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "07-request-content:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "07-request-content:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, each defaulting to an environment
// variable (ADDR, UPLOAD_DIR, MAX_BODY_BYTES, MAX_UPLOAD_BYTES, LOG_FORMAT)
// and then to a laptop-friendly value. Flag errors and -h usage are written
// to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	maxBody, err := strconv.ParseInt(serve.EnvOr(getenv, "MAX_BODY_BYTES", "1048576"), 10, 64)
	if err != nil {
		return config{}, fmt.Errorf("MAX_BODY_BYTES=%q is not a number", getenv("MAX_BODY_BYTES"))
	}
	maxUpload, err := strconv.ParseInt(serve.EnvOr(getenv, "MAX_UPLOAD_BYTES", "10485760"), 10, 64)
	if err != nil {
		return config{}, fmt.Errorf("MAX_UPLOAD_BYTES=%q is not a number", getenv("MAX_UPLOAD_BYTES"))
	}

	var cfg config
	fs := flag.NewFlagSet("07-request-content", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8007"), "listen address (env ADDR)")
	fs.StringVar(&cfg.uploadDir, "upload-dir", getenv("UPLOAD_DIR"), "where uploads are stored; empty = a new temp dir (env UPLOAD_DIR)")
	fs.Int64Var(&cfg.maxBody, "max-body", maxBody, "largest JSON/XML/form/text body after decompression, bytes (env MAX_BODY_BYTES)")
	fs.Int64Var(&cfg.maxUpload, "max-upload", maxUpload, "largest multipart upload request, bytes (env MAX_UPLOAD_BYTES)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.maxBody <= 0 || cfg.maxUpload <= 0 {
		return config{}, fmt.Errorf("limits must be positive, got max-body %d, max-upload %d", cfg.maxBody, cfg.maxUpload)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// run prepares the upload directory and serves until Ctrl-C or SIGTERM.
func run(cfg config, logger *slog.Logger) error {
	dir := cfg.uploadDir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "workbook-uploads-"); err != nil {
			return err
		}
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}

	handler := newHandler(cfg.maxBody, &fileStore{dir: dir, maxBytes: cfg.maxUpload, allowed: allowedUploads}, logger)
	srv := serve.NewServer(handler, logger)
	// Uploads are slow on slow links; the size cap bounds them too.
	srv.ReadTimeout = 60 * time.Second
	srv.WriteTimeout = 60 * time.Second
	srv.IdleTimeout = 120 * time.Second

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	ctx, stop := serve.SignalContext()
	defer stop()

	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "upload_dir", dir,
		"max_body", cfg.maxBody, "max_upload", cfg.maxUpload)
	// serve.Run serves until Ctrl-C or SIGTERM, then lets requests in flight
	// finish within ten seconds (chapter 20 takes it apart).
	return serve.Run(ctx, srv, ln, logger, 10*time.Second)
}
