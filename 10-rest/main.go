// Command 10-rest serves a versioned Conduit articles API that follows REST
// conventions: resource URLs, method semantics, one status code per
// situation, {"data","meta","links"} envelopes with RFC 8288 Link headers,
// versioning by URL, query and header with a documented precedence, RFC
// 9457 problem details for every error, conditional GET and hypermedia links
// that follow each article's state.
//
//	go run ./10-rest                # from the repository root
//	go run ./10-rest -addr 127.0.0.1:9010 -log text
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
		slog.Error("10-rest: exit", "err", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("10-rest", flag.ContinueOnError)
	addr := fs.String("addr", envOr("ADDR", "127.0.0.1:8010"), "listen address (env ADDR)")
	logFormat := fs.String("log", envOr("LOG_FORMAT", "json"), "log format: json or text (env LOG_FORMAT)")
	relatedURL := fs.String("related-url", envOr("RELATED_URL", "http://127.0.0.1:1"),
		"base URL of the related-articles service (env RELATED_URL); the default is deliberately unreachable to show a 500")
	if err := fs.Parse(args); err != nil {
		return err
	}

	var handler slog.Handler = slog.NewJSONHandler(os.Stdout, nil)
	if *logFormat == "text" {
		handler = slog.NewTextHandler(os.Stdout, nil)
	}
	logger := slog.New(handler)

	store := NewStore(time.Now)
	seedArticles(store)
	srv := &http.Server{
		Addr: *addr,
		Handler: NewServer(Deps{
			Store:   store,
			Related: &RelatedClient{BaseURL: *relatedURL, HTTP: &http.Client{Timeout: 2 * time.Second}},
			Log:     logger,
		}),
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
	logger.Info("10-rest: listening", "addr", "http://"+ln.Addr().String())

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("10-rest: shutting down")
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

// seedArticles gives the server articles in every state.
func seedArticles(s *Store) {
	for i, in := range []struct {
		title, author string
		tags          []string
		publish       bool
		archive       bool
	}{
		{"How to train your dragon", "jake", []string{"dragons"}, true, false},
		{"Go channels in practice", "jake", []string{"go"}, true, false},
		{"REST without the dogma", "ann", []string{"api", "rest"}, true, false},
		{"Versioning APIs", "ann", []string{"api"}, true, false},
		{"Problem details explained", "ann", []string{"api", "errors"}, true, false},
		{"What came before HTTP/2", "jake", []string{"http"}, true, true},
		{"Draft: HATEOAS in practice", "jake", []string{"rest"}, false, false},
	} {
		a, err := s.Create(ArticleInput{Title: in.title, Description: "Seed article " + string(rune('A'+i)), Body: "Body of " + in.title, Tags: in.tags}, in.author)
		if err != nil {
			continue
		}
		if in.publish {
			a, _ = s.Transition(a.Slug, "publish")
		}
		if in.archive {
			_, _ = s.Transition(a.Slug, "archive")
		}
	}
}
