package main

import (
	"log/slog"
	"net/http"
	"sync"
)

// server wires the routes to their shared dependencies.
type server struct {
	mux     *http.ServeMux
	maxBody int64
	files   *fileStore
	log     *slog.Logger

	mu       sync.Mutex
	articles []article
}

func newServer(maxBody int64, files *fileStore, log *slog.Logger) *server {
	s := &server{mux: http.NewServeMux(), maxBody: maxBody, files: files, log: log}
	s.registerArticleRoutes()
	s.registerNoteRoutes()
	s.registerUploadRoutes()
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, http.StatusNotFound, "not_found", "no route for "+r.Method+" "+r.URL.Path)
	})
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}
