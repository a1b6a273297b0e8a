package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"workbook/serve"
	"workbook/serve/problem"
)

const (
	// requestTimeout bounds the database work of one request: every query
	// runs with the request's context, which withDeadline cancels after it
	// (what pgx then does with the query and its connection: pool.go).
	requestTimeout = 10 * time.Second
	maxBodyBytes   = 1 << 20
)

// newServer builds the http.Server around store, with serve.NewServer's
// timeouts: they bound how long one slow client can hold a connection (see
// 01-http).
func newServer(store storage, logger *slog.Logger) *http.Server {
	return serve.NewServer(withDeadline(routes(store, logger), requestTimeout), logger)
}

// routes lists every endpoint of the chapter in one place. problem.Routes
// turns the mux's own plain-text 404 and 405 into problem details, and
// keeps the Allow header the mux computes for a 405.
func routes(store storage, logger *slog.Logger) http.Handler {
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
	return problem.Routes(mux)
}

// withDeadline gives every request's context a deadline of d. The handlers
// pass that context to every query, so a request cannot hold a pooled
// connection longer than d, and when the deadline passes the handler itself
// answers 503 in the house error shape (http.TimeoutHandler would answer for
// it, with a body of its own that is not a problem).
func withDeadline(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

type handlers struct {
	store  storage
	logger *slog.Logger
}
