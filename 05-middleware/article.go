package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	"workbook/serve/problem"
)

// article is the resource behind the route-specific middleware.
type article struct {
	ID     int    `json:"id"`
	Title  string `json:"title"`
	Author string `json:"author"`
}

type articleStore struct {
	mu   sync.Mutex
	list []article
}

func newArticleStore() *articleStore {
	s := &articleStore{}
	for i, t := range []string{"Middleware is a chain", "Order matters", "Global or per route", "Recover, then log", "Compress the big ones"} {
		s.list = append(s.list, article{ID: i + 1, Title: t, Author: "ada"})
	}
	return s
}

func (s *articleStore) handleList(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	list := append([]article(nil), s.list...)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"user": userFrom(r.Context()), "articles": list})
}

func (s *articleStore) handleCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Title string `json:"title"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, "body must be at most 4096 bytes")
			return
		}
		problem.Error(w, r, http.StatusBadRequest, "body must be a JSON object like {\"title\":\"…\"}: "+err.Error())
		return
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Title)); n == 0 || n > 200 {
		problem.Write(w, r, &problem.Problem{
			Status: http.StatusUnprocessableEntity,
			Detail: "the article is invalid; see errors",
			Errors: []problem.FieldError{{Pointer: "/title", Detail: "title must be 1 to 200 characters"}},
		})
		return
	}
	s.mu.Lock()
	a := article{ID: len(s.list) + 1, Title: strings.TrimSpace(in.Title), Author: userFrom(r.Context())}
	s.list = append(s.list, a)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, a)
}
