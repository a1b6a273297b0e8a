// Command 09-crud serves full create/read/update/delete on Conduit articles
// from a concurrency-safe in-memory store: validation and duplicate
// detection on create, filtering/sorting/pagination on read, PUT versus
// JSON Merge Patch with optimistic concurrency on update, soft delete with
// restore, Idempotency-Key replay on POST and an audit log of every change.
//
//	go run ./09-crud                # from the repository root
//	go run ./09-crud -addr 127.0.0.1:9009 -log text
package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		slog.Error("09-crud: exit", "err", err)
		os.Exit(1)
	}
}

// run parses configuration, serves until SIGINT/SIGTERM and then drains
// in-flight requests for up to ten seconds.
func run(args []string) error {
	fs := flag.NewFlagSet("09-crud", flag.ContinueOnError)
	addr := fs.String("addr", envOr("ADDR", "127.0.0.1:8009"), "listen address (env ADDR)")
	logFormat := fs.String("log", envOr("LOG_FORMAT", "json"), "log format: json or text (env LOG_FORMAT)")
	seed := fs.Bool("seed", envOr("SEED", "true") == "true", "start with three sample articles (env SEED)")
	if err := fs.Parse(args); err != nil {
		return err
	}

	var handler slog.Handler = slog.NewJSONHandler(os.Stdout, nil)
	if *logFormat == "text" {
		handler = slog.NewTextHandler(os.Stdout, nil)
	}
	logger := slog.New(handler)

	store := NewStore(time.Now)
	if *seed {
		seedArticles(store)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           NewServer(store, logger),
		ReadTimeout:       10 * time.Second,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger.Info("09-crud: listening", "addr", "http://"+ln.Addr().String())

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("09-crud: shutting down")
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

func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// seedArticles gives a fresh server something to list. The audit log records
// these as created by "seed".
func seedArticles(s *Store) {
	for _, in := range []ArticleInput{
		{Title: "How to train your dragon", Description: "Ever wonder how?", Body: "You have to believe.", Tags: []string{"dragons", "training"}},
		{Title: "Go channels in practice", Description: "Pipelines and fan-out", Body: "Start with an unbuffered channel.", Tags: []string{"go", "concurrency"}},
		{Title: "Designing idempotent APIs", Description: "Retries without regrets", Body: "Every POST deserves a key.", Tags: []string{"go", "api"}},
	} {
		a, err := NewArticle(in, "jake")
		if err == nil {
			_, _ = s.Create("seed", a)
		}
	}
}
