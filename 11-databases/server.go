package main

import (
	"log/slog"
	"net/http"
	"time"

	"workbook/serve"
)

const (
	// requestTimeout bounds the database work of one request: the context
	// passed to pgx is cancelled after it, which cancels the query on the
	// server too and returns its connection to the pool.
	requestTimeout = 10 * time.Second
	maxBodyBytes   = 1 << 20
)

// newServer builds the http.Server around store, with serve.NewServer's
// timeouts: they bound how long one slow client can hold a connection (see
// 01-http).
func newServer(store Store, logger *slog.Logger) *http.Server {
	h := http.TimeoutHandler(routes(store, logger), requestTimeout, `{"error":"request took too long"}`)
	return serve.NewServer(h, logger)
}

// routes lists every endpoint of the chapter in one place.
func routes(store Store, logger *slog.Logger) http.Handler {
	h := &handlers{store: store, logger: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.handleIndex)
	mux.HandleFunc("GET /pool", h.handlePool)
	mux.HandleFunc("POST /users", h.handleUserCreate)
	mux.HandleFunc("GET /articles", h.handleArticleList)
	mux.HandleFunc("POST /articles", h.handleArticleCreate)
	mux.HandleFunc("GET /articles/{slug}", h.handleArticleGet)
	mux.HandleFunc("POST /articles/{slug}/comments", h.handleCommentCreate)
	mux.HandleFunc("GET /explain", h.handleExplainIndex)
	mux.HandleFunc("GET /explain/{name}", h.handleExplain)
	return mux
}

type handlers struct {
	store  Store
	logger *slog.Logger
}
