package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"workbook/capstone/conduit"
	"workbook/capstone/httpapi"
	"workbook/capstone/lru"
	"workbook/capstone/memcache"
	"workbook/capstone/memory"
	"workbook/capstone/postgres"
	"workbook/capstone/service"
)

type backendOptions struct {
	store       string // memory or postgres
	databaseURL string
	memcached   []string
	cacheSize   int
}

// backend is the capstone's handler wired as capstone/main.go wires it,
// with the defaults of config.go: the store, the cache in front of it
// (memcached, else the in-process LRU), and httpapi.New with the same
// Config. What is left out serves no GET of an article or a list: search
// (its own route, registered last), the job queue, the mailer and the
// IndexingStore wrapper (writes only). Tracing is off, as by default.
type backend struct {
	name     string
	handler  http.Handler
	users    *service.Users
	articles *service.Articles
	store    service.Store
	close    func()
}

func newBackend(ctx context.Context, o backendOptions) (*backend, error) {
	b := &backend{close: func() {}}
	switch o.store {
	case "postgres":
		pg, err := postgres.Open(ctx, o.databaseURL, 10) // DB_MAX_CONNS default
		if err != nil {
			return nil, err
		}
		if _, err := pg.Migrate(ctx); err != nil {
			pg.Close()
			return nil, err
		}
		b.store, b.name, b.close = pg, "postgres", pg.Close
	default:
		b.store, b.name = memory.New(), "memory"
	}

	var cache service.Cache
	switch {
	case len(o.memcached) > 0:
		mc := memcache.New(200*time.Millisecond, o.memcached...)
		if err := mc.Ping(); err != nil {
			b.close()
			return nil, fmt.Errorf("memcached %v: %w", o.memcached, err)
		}
		cache, b.name = mc, b.name+" + memcached"
	case o.cacheSize > 0:
		cache, b.name = lru.New(o.cacheSize), b.name+" + LRU"
	}
	var cached *service.Cached
	if cache != nil {
		cached = &service.Cached{Cache: cache, Prefix: "conduit:", TTL: 5 * time.Minute}
		b.store = service.CachingStore{Store: b.store, Cached: cached}
	}

	// The access log is encoded as in production and written to /dev/null:
	// one write(2) per request, as to a pipe, without measuring a terminal.
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.close()
		return nil, err
	}
	closeStore := b.close
	b.close = func() { closeStore(); devNull.Close() }
	logger := slog.New(slog.NewJSONHandler(devNull, &slog.HandlerOptions{Level: slog.LevelInfo}))

	b.users = &service.Users{Store: b.store, Logger: logger,
		Hasher: service.Bcrypt{Cost: service.DefaultBcryptCost, Gate: service.NewGate(runtime.NumCPU(), 2*time.Second)}}
	b.articles = &service.Articles{Store: b.store}
	var readVersion func(context.Context) (string, bool)
	if cached != nil {
		readVersion = cached.ArticleReadsVersion
	}
	b.handler = httpapi.New(httpapi.Config{
		ReadVersion: readVersion,
		Registry:    prometheus.NewRegistry(),
		Users:       b.users,
		Profiles:    &service.Profiles{Users: b.store, Follows: b.store, Cached: cached},
		Articles:    b.articles,
		Comments:    &service.Comments{Store: b.store, Articles: b.store},
		Tokens:      &httpapi.Tokens{Secret: []byte("loadgen-secret-loadgen-secret-loadgen"), TTL: 72 * time.Hour},
		Logger:      logger,
		// The defaults of config.go.
		MaxBodyBytes:   1 << 20,
		RequestTimeout: 10 * time.Second,
		CORSOrigins:    []string{"*"},
		AuthRate:       rate.Every(time.Minute / 10),
		AuthBurst:      5,
	})
	return b, nil
}

// seed creates one author and 20 articles through the services and returns
// the last article's slug. In a database that already holds articles (an
// earlier run), the names get a suffix, so this run's 20 are the first page.
func (b *backend) seed(ctx context.Context) (string, error) {
	_, total, err := b.store.ListArticles(ctx, 0, service.ArticleQuery{Limit: 1})
	if err != nil {
		return "", err
	}
	suffix := ""
	if total > 0 {
		suffix = "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	name := "author" + suffix
	u, err := b.users.Register(ctx, conduit.NewUser{Username: name, Email: name + "@example.com", Password: "password1"})
	if err != nil {
		return "", err
	}
	var slug string
	for i := range 20 {
		a, err := b.articles.CreateArticle(ctx, u.ID, conduit.NewArticle{
			Title:       strings.TrimSpace(fmt.Sprintf("Article number %d about load testing %s", i+1, strings.TrimPrefix(suffix, "-"))),
			Description: "What a Go service costs per request, measured on loopback",
			Body:        "A body of a realistic length for a list page, repeated a little. A body of a realistic length.",
			TagList:     []string{"go", "performance", fmt.Sprintf("tag%d", i%5)},
		})
		if err != nil {
			return "", err
		}
		slug = a.Slug
	}
	return slug, nil
}
