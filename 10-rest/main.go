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
	"flag"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"workbook/serve"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		slog.Error("10-rest: exit", "err", err)
		os.Exit(1)
	}
}

// run parses configuration, serves until SIGINT/SIGTERM and then drains
// in-flight requests for up to ten seconds.
func run(args []string) error {
	fs := flag.NewFlagSet("10-rest", flag.ContinueOnError)
	addr := fs.String("addr", serve.EnvOr(os.Getenv, "ADDR", "127.0.0.1:8010"), "listen address (env ADDR)")
	logFormat := fs.String("log", serve.EnvOr(os.Getenv, "LOG_FORMAT", "json"), "log format: json or text (env LOG_FORMAT)")
	relatedURL := fs.String("related-url", serve.EnvOr(os.Getenv, "RELATED_URL", "http://127.0.0.1:1"),
		"base URL of the related-articles service (env RELATED_URL); the default is deliberately unreachable to show a 500")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger, err := serve.NewLogger(*logFormat, os.Stdout)
	if err != nil {
		return err
	}

	store := NewStore(time.Now)
	seedArticles(store)
	handler := NewServer(Deps{
		Store:   store,
		Related: &RelatedClient{BaseURL: *relatedURL, HTTP: &http.Client{Timeout: 2 * time.Second}},
		Log:     logger,
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger.Info("10-rest: listening", "addr", "http://"+ln.Addr().String())

	ctx, stop := serve.SignalContext()
	defer stop()
	// serve.Run drains in-flight requests on shutdown (chapter 20 takes it apart).
	return serve.Run(ctx, serve.NewServer(handler, logger), ln, logger, 10*time.Second)
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
