// Command 08-handlers serves an articles API whose handlers are organised as
// a controller over a service interface, injected through a constructor.
//
//	go run ./08-handlers            # listens on 127.0.0.1:8008
//
// Flags: -addr (env ADDR). Tokens alice-token and bob-token sign you in.
package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"workbook/08-handlers/article"
)

func main() {
	addr := flag.String("addr", envOr("ADDR", "127.0.0.1:8008"), "listen address (env ADDR)")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stdout, nil))

	svc := article.NewMemory(nil)
	seed(svc)
	srv := &http.Server{
		Addr:              *addr,
		Handler:           newRouter(svc, logger),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	logger.Info("08-handlers listening", "addr", "http://"+*addr, "try", "curl http://"+*addr+"/articles")

	select {
	case err := <-errc:
		logger.Error("server failed", "err", err)
		os.Exit(1)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("shutdown", "err", err)
		os.Exit(1)
	}
}

// seed gives a fresh server something to show.
func seed(svc article.Service) {
	_, _ = svc.Create(context.Background(), article.NewArticle{
		Title: "Handlers are thin", Description: "where the work belongs",
		Body: "Extract, validate, call the service, map errors, format.", Author: "alice",
	})
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
