package main

import (
	"fmt"
	"log/slog"
	"net/http"
)

// server holds what the handlers need.
type server struct {
	store   *articleStore
	maxBody int64
	logger  *slog.Logger
}

// newHandler returns the chapter's routes on a standard http.ServeMux.
func newHandler(store *articleStore, maxBody int64, logger *slog.Logger) http.Handler {
	s := &server{store: store, maxBody: maxBody, logger: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /articles", s.handleArticleList)
	mux.HandleFunc("POST /articles", s.handleArticleCreate)
	mux.HandleFunc("GET /articles/{slug}", s.handleArticleGet)
	mux.HandleFunc("PATCH /articles/{slug}", s.handleArticlePatch)
	// Patterns without a method are less specific than those above, so they
	// only catch the methods not listed: ServeMux would answer those with a
	// plain-text 405, and the "/" catch-all would otherwise swallow them.
	mux.Handle("/articles", methodNotAllowed("GET, HEAD, POST"))
	mux.Handle("/articles/{slug}", methodNotAllowed("GET, HEAD, PATCH"))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such resource; try GET /articles")
	})
	return mux
}

func methodNotAllowed(allow string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed",
			fmt.Sprintf("%s is not allowed on %s; use %s", r.Method, r.URL.Path, allow))
	})
}
