package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"workbook/serve/problem"
)

// server holds what the handlers share.
type server struct {
	logger    *slog.Logger
	articles  *articleStore
	coversDir string
	views     *viewsClient
}

// route is one pattern of the API and its handler.
type route struct {
	pattern string
	h       handlerFunc
}

// routeTable is every route of the API (the leak test walks it all).
func (s *server) routeTable() []route {
	return []route{
		{"GET /articles", s.listArticles},
		{"POST /articles", s.createArticle},
		{"GET /articles/{id}", s.getArticle},
		{"GET /articles/{id}/cover", s.getCover},
		{"GET /articles/{id}/excerpt", s.getExcerpt},
		{"GET /articles/{id}/views", s.getViews},
		{"GET /dependency", s.getDependency},
		{"PUT /dependency", s.setDependency},
	}
}

// routes is the service's handler tree: request IDs outermost, so every
// log line has one; then panic recovery; then the routes, whose failures
// all go through fail.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routeTable() {
		mux.Handle(rt.pattern, s.handle(rt.h))
	}

	// The mux's own 404 and 405 are plain text; here they become coded
	// problems like every other failure (and are logged like them).
	unrouted := s.handle(func(w http.ResponseWriter, r *http.Request) error {
		allowed := problem.AllowedMethods(r, func(c *http.Request) bool {
			_, pattern := mux.Handler(c)
			return pattern != ""
		})
		if len(allowed) == 0 {
			return userError(codeNotFound, "no resource at "+r.URL.Path)
		}
		allow := strings.Join(allowed, ", ")
		w.Header().Set("Allow", allow) // RFC 9110 §15.5.6: a 405 must list them
		return userError(codeMethodNotAllowed, fmt.Sprintf("%s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, allow))
	})
	return requestIDs(s.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern == "" {
			unrouted.ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})))
}
