// Command 16-search serves article search with facets and highlighting:
// through Elasticsearch when ELASTICSEARCH_URL is set, else through bleve,
// an embedded search engine (in memory, or on disk with -index-path).
//
//	go run ./16-search
//	ELASTICSEARCH_URL=http://127.0.0.1:9200 go run ./16-search
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"time"

	"workbook/serve"
)

type config struct {
	addr      string
	esURL     string // Elasticsearch address; "" means bleve
	esIndex   string
	indexPath string // bleve on-disk index; "" means in memory
	logFormat string
}

const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "16-search:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "16-search:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	s, engine, err := openSearcher(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Index(ctx, sampleArticles()); err != nil {
		return fmt.Errorf("index sample articles: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "engine", engine)
	return serve.Run(ctx, serve.NewServer(routes(s, logger), logger), ln, logger, shutdownGrace)
}

// openSearcher picks the engine: Elasticsearch when a URL is configured.
func openSearcher(ctx context.Context, cfg config) (Searcher, string, error) {
	if cfg.esURL != "" {
		s, err := newESSearcher(ctx, cfg.esURL, cfg.esIndex)
		return s, "elasticsearch", err
	}
	s, err := newBleveSearcher(cfg.indexPath)
	return s, "bleve", err
}

// parseConfig reads flags, each defaulting to an environment variable
// (ADDR, ELASTICSEARCH_URL, ELASTICSEARCH_INDEX, INDEX_PATH, LOG_FORMAT).
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("16-search", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8016"), "listen address (env ADDR)")
	fs.StringVar(&cfg.esURL, "elasticsearch-url", getenv("ELASTICSEARCH_URL"), "Elasticsearch address; empty uses bleve (env ELASTICSEARCH_URL)")
	fs.StringVar(&cfg.esIndex, "elasticsearch-index", serve.EnvOr(getenv, "ELASTICSEARCH_INDEX", "articles"), "Elasticsearch index name (env ELASTICSEARCH_INDEX)")
	fs.StringVar(&cfg.indexPath, "index-path", getenv("INDEX_PATH"), "bleve on-disk index directory; empty keeps it in memory (env INDEX_PATH)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if cfg.esIndex == "" {
		return config{}, errors.New("elasticsearch index name must not be empty")
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}
