// Command 07-request-content accepts request bodies in several content types
// (JSON, XML, urlencoded and multipart forms, plain text in any common
// charset, gzip-compressed or not), streams uploads to disk, and answers in
// the representation the client's Accept header prefers.
//
//	go run ./07-request-content                         # uploads go to a new temp dir
//	go run ./07-request-content -upload-dir ./uploads   # or to a directory you choose
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
	"strconv"
	"syscall"
	"time"
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
	cfg, err := parseConfig(os.Args[1:], os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "07-request-content:", err)
		os.Exit(2)
	}
	logger := newLogger(cfg.logFormat, os.Stdout)
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, each defaulting to an environment
// variable (ADDR, UPLOAD_DIR, MAX_BODY_BYTES, MAX_UPLOAD_BYTES, LOG_FORMAT)
// and then to a laptop-friendly value.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	envOr := func(key, fallback string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return fallback
	}
	maxBody, err := strconv.ParseInt(envOr("MAX_BODY_BYTES", "1048576"), 10, 64)
	if err != nil {
		return config{}, fmt.Errorf("MAX_BODY_BYTES=%q is not a number", getenv("MAX_BODY_BYTES"))
	}
	maxUpload, err := strconv.ParseInt(envOr("MAX_UPLOAD_BYTES", "10485760"), 10, 64)
	if err != nil {
		return config{}, fmt.Errorf("MAX_UPLOAD_BYTES=%q is not a number", getenv("MAX_UPLOAD_BYTES"))
	}

	var cfg config
	fs := flag.NewFlagSet("07-request-content", flag.ContinueOnError)
	fs.StringVar(&cfg.addr, "addr", envOr("ADDR", "127.0.0.1:8007"), "listen address (env ADDR)")
	fs.StringVar(&cfg.uploadDir, "upload-dir", getenv("UPLOAD_DIR"), "where uploads are stored; empty = a new temp dir (env UPLOAD_DIR)")
	fs.Int64Var(&cfg.maxBody, "max-body", maxBody, "largest JSON/XML/form/text body after decompression, bytes (env MAX_BODY_BYTES)")
	fs.Int64Var(&cfg.maxUpload, "max-upload", maxUpload, "largest multipart upload request, bytes (env MAX_UPLOAD_BYTES)")
	fs.StringVar(&cfg.logFormat, "log-format", envOr("LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
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

func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

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

	handler := newServer(cfg.maxBody, &fileStore{dir: dir, maxBytes: cfg.maxUpload, allowed: allowedUploads}, logger)
	srv := &http.Server{
		Addr:              cfg.addr,
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // uploads are slow on slow links; the size cap bounds them too
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "upload_dir", dir,
		"max_body", cfg.maxBody, "max_upload", cfg.maxUpload)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
