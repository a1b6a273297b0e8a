package main

import (
	"log/slog"
	"net/http"
	"sync"

	"workbook/serve/problem"
)

// server wires the routes to their shared dependencies.
type server struct {
	mux     *http.ServeMux
	handler http.Handler // mux, with 404 and 405 as problem details
	maxBody int64
	files   *fileStore
	log     *slog.Logger

	mu       sync.Mutex
	articles []article
}

// newHandler builds the server's handler tree.
func newHandler(maxBody int64, files *fileStore, log *slog.Logger) *server {
	s := &server{mux: http.NewServeMux(), maxBody: maxBody, files: files, log: log}
	s.registerArticleRoutes()
	s.registerNoteRoutes()
	s.registerUploadRoutes()
	// No catch-all "/": a wrong method must stay a 405 with Allow, which
	// problem.Routes turns, like the mux's 404, into a problem body.
	s.handler = problem.Routes(s.mux)
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}
