package main

import (
	"log/slog"
	"net/http"
	"regexp"
	"time"
)

// Server is the HTTP face of the store.
type Server struct {
	store *Store
	log   *slog.Logger
	idem  *Idempotency
	mux   *http.ServeMux
}

// NewServer wires the routes. Every route is listed here, in one place.
func NewServer(store *Store, log *slog.Logger) *Server {
	s := &Server{store: store, log: log, idem: NewIdempotency(24*time.Hour, time.Now), mux: http.NewServeMux()}
	s.mux.Handle("POST /articles", s.idem.Wrap(http.HandlerFunc(s.handleArticleCreate)))
	s.mux.HandleFunc("GET /articles", s.handleArticleList)
	s.mux.HandleFunc("GET /articles/{slug}", s.handleArticleGet)
	s.mux.HandleFunc("PUT /articles/{slug}", s.handleArticleReplace)
	s.mux.HandleFunc("PATCH /articles/{slug}", s.handleArticlePatch)
	s.mux.HandleFunc("DELETE /articles/{slug}", s.handleArticleDelete)
	s.mux.HandleFunc("POST /articles/{slug}/restore", s.handleArticleRestore)
	s.mux.HandleFunc("GET /articles/{slug}/comments", s.handleCommentList)
	s.mux.HandleFunc("POST /articles/{slug}/comments", s.handleCommentCreate)
	s.mux.HandleFunc("GET /audit", s.handleAuditList)
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := checkActor(r); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.mux.ServeHTTP(w, r)
}

var actorPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// actor names who is making a change, for the audit log and for article
// authorship. This chapter trusts an X-User header so it can focus on CRUD;
// 04-auth shows where a real identity comes from. Absent means "anonymous".
func actor(r *http.Request) string {
	if u := r.Header.Get("X-User"); u != "" {
		return u
	}
	return "anonymous"
}

func checkActor(r *http.Request) error {
	if u := r.Header.Get("X-User"); u != "" && !actorPattern.MatchString(u) {
		return badRequest("X-User must be 1-64 letters, digits, '.', '_' or '-'")
	}
	return nil
}
