// Command 10-rest serves a versioned Conduit articles API that follows REST
// conventions: resource URLs, method semantics, one status code per
// situation, {"data","meta","links"} envelopes with RFC 8288 Link headers,
// versioning by URL, query and header with a documented precedence, RFC
// 9457 problem details for every error, conditional GET and hypermedia links
// that follow each article's state.
//
//	go run ./10-rest                # from the repository root
//	go run ./10-rest -addr 127.0.0.1:9010 -log-format text
//
// Every flag has an environment variable of the same meaning (see
// parseConfig); a flag given on the command line wins.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr       string // host:port to listen on
	logFormat  string // "json" or "text"
	relatedURL string // base URL of the related-articles service
}

// shutdownGrace is how long in-flight requests get to finish after SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "10-rest:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "10-rest:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, LOG_FORMAT, RELATED_URL) and then from laptop-friendly
// values. Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("10-rest", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8010"), "listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "json"), "log format: json or text (env LOG_FORMAT)")
	fs.StringVar(&cfg.relatedURL, "related-url", serve.EnvOr(getenv, "RELATED_URL", "http://127.0.0.1:1"),
		"base URL of the related-articles service (env RELATED_URL); the default is deliberately unreachable to show a 500")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	if u, err := url.Parse(cfg.relatedURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return config{}, fmt.Errorf("related URL must be an http(s) URL with a host, got %q", cfg.relatedURL)
	}
	return cfg, nil
}

// run serves until SIGINT/SIGTERM and then drains in-flight requests for up
// to shutdownGrace (chapter 20 takes graceful shutdown apart).
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	store := newArticleStore(time.Now)
	seedArticles(store)
	handler := newHandler(deps{
		Store:   store,
		Related: &relatedClient{BaseURL: cfg.relatedURL, HTTP: &http.Client{Timeout: 2 * time.Second}},
		Log:     logger,
	})
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String())
	return serve.Run(ctx, serve.NewServer(handler, logger), ln, logger, shutdownGrace)
}

// seedArticles gives the server articles in every state.
func seedArticles(s *articleStore) {
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
		a, err := s.Create(articleInput{Title: in.title, Description: "Seed article " + string(rune('A'+i)), Body: "Body of " + in.title, Tags: in.tags}, in.author)
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
