// Command 13-caching serves articles from a deliberately slow in-memory
// store with memcached in front: cache-aside reads with singleflight,
// write-through on PUT, invalidation on DELETE, namespace-version
// invalidation of everything, negative caching, refresh-ahead, HTTP caching
// headers, and hit/miss/latency counters at GET /stats.
//
//	go run ./13-caching        # needs memcached at 127.0.0.1:11211 (it still answers without)
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/bradfitz/gomemcache/memcache"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr          string
	memcachedAddr string
	sourceLatency time.Duration
	ttl           time.Duration
	maxAge        time.Duration
	logFormat     string
}

const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "13-caching:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "13-caching:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// newArticleCache builds the cache from the configuration. The memcached
// timeout is short: a cache slower than the source is worse than none.
func newArticleCache(cfg config, store *Store, logger *slog.Logger) *ArticleCache {
	mc := memcache.New(cfg.memcachedAddr)
	mc.Timeout = 100 * time.Millisecond
	return NewArticleCache(mc, store, CacheConfig{
		Prefix: "13-caching:", TTL: cfg.ttl, NegativeTTL: cfg.ttl / 10,
		Jitter: 0.1, RefreshAt: 0.8,
	}, logger)
}

func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	store := NewStore(cfg.sourceLatency)
	seed(store)
	handler := routes(newArticleCache(cfg, store, logger), cfg.maxAge, logger)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "memcached", cfg.memcachedAddr, "source_latency", cfg.sourceLatency)
	return serve.Run(ctx, serve.NewServer(handler, logger), ln, logger, shutdownGrace)
}

// seed puts two articles in the store so that the README's curl lines work.
func seed(s *Store) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.byslug["hello-cache"] = Article{Slug: "hello-cache", Title: "Hello, cache", Body: "Read me twice.", UpdatedAt: now}
	s.byslug["why-ttl"] = Article{Slug: "why-ttl", Title: "Why TTLs", Body: "Everything expires.", UpdatedAt: now}
}

// parseConfig reads flags from args, each default taken from the environment
// (ADDR, MEMCACHED_ADDR, SOURCE_LATENCY, CACHE_TTL, HTTP_MAX_AGE, LOG_FORMAT).
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	durations := map[string]time.Duration{}
	for _, d := range []struct{ env, def string }{
		{"SOURCE_LATENCY", "50ms"}, {"CACHE_TTL", "60s"}, {"HTTP_MAX_AGE", "30s"},
	} {
		v, err := time.ParseDuration(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not a duration", d.env, getenv(d.env))
		}
		durations[d.env] = v
	}
	var cfg config
	fs := flag.NewFlagSet("13-caching", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8013"), "listen address (env ADDR)")
	fs.StringVar(&cfg.memcachedAddr, "memcached", serve.EnvOr(getenv, "MEMCACHED_ADDR", "127.0.0.1:11211"), "memcached host:port (env MEMCACHED_ADDR)")
	fs.DurationVar(&cfg.sourceLatency, "source-latency", durations["SOURCE_LATENCY"], "artificial latency of every store call (env SOURCE_LATENCY)")
	fs.DurationVar(&cfg.ttl, "ttl", durations["CACHE_TTL"], "memcached TTL of an article, before jitter (env CACHE_TTL)")
	fs.DurationVar(&cfg.maxAge, "max-age", durations["HTTP_MAX_AGE"], "Cache-Control max-age sent to clients (env HTTP_MAX_AGE)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	switch {
	case cfg.sourceLatency < 0:
		return config{}, fmt.Errorf("source latency must not be negative, got %s", cfg.sourceLatency)
	case cfg.ttl < time.Second:
		return config{}, fmt.Errorf("ttl must be at least 1s (memcached counts seconds), got %s", cfg.ttl)
	case cfg.maxAge < 0:
		return config{}, fmt.Errorf("max age must not be negative, got %s", cfg.maxAge)
	case cfg.logFormat != "text" && cfg.logFormat != "json":
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}
