package main

import (
	"log/slog"
	"net/http"

	"workbook/serve/problem"
)

// server holds what the handlers need.
type server struct {
	store   *articleStore
	maxBody int64
	logger  *slog.Logger
}

// newHandler returns the chapter's routes on a standard http.ServeMux.
//
// There is no catch-all "/": ServeMux itself answers a path it does not
// know with 404, and a known path with the wrong method with 405 and an
// Allow header listing the methods registered for it. problem.Routes turns
// both of those plain-text answers into problem details.
func newHandler(store *articleStore, maxBody int64, logger *slog.Logger) http.Handler {
	s := &server{store: store, maxBody: maxBody, logger: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /articles", s.handleArticleList)
	mux.HandleFunc("POST /articles", s.handleArticleCreate)
	mux.HandleFunc("GET /articles/{slug}", s.handleArticleGet)
	mux.HandleFunc("PATCH /articles/{slug}", s.handleArticlePatch)
	return problem.Routes(mux)
}
