package main

import (
	"log/slog"
	"net/http"
	"regexp"

	"workbook/serve/problem"
)

// api is the HTTP face of the store.
type api struct {
	store *articleStore
	log   *slog.Logger
	mux   http.Handler
}

// newHandler wires the routes. Every route is listed here, in one place.
func newHandler(store *articleStore, log *slog.Logger) *api {
	s := &api{store: store, log: log}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /articles", s.handleArticleCreate)
	mux.HandleFunc("GET /articles", s.handleArticleList)
	mux.HandleFunc("GET /articles/{slug}", s.handleArticleGet)
	mux.HandleFunc("PUT /articles/{slug}", s.handleArticleReplace)
	mux.HandleFunc("PATCH /articles/{slug}", s.handleArticlePatch)
	mux.HandleFunc("DELETE /articles/{slug}", s.handleArticleDelete)
	mux.HandleFunc("POST /articles/{slug}/restore", s.handleArticleRestore)
	mux.HandleFunc("GET /articles/{slug}/comments", s.handleCommentList)
	mux.HandleFunc("POST /articles/{slug}/comments", s.handleCommentCreate)
	mux.HandleFunc("GET /audit", s.handleAuditList)
	// ServeMux answers an unknown path and a wrong method (with Allow) in
	// plain text; problem.Routes makes those answers problem details too.
	s.mux = problem.Routes(mux)
	return s
}

func (s *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
