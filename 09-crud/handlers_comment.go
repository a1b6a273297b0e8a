package main

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

type commentJSON struct {
	ID        int64     `json:"id"`
	Body      string    `json:"body"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"createdAt"`
}

func toCommentJSON(c comment) commentJSON {
	// Fields are listed on purpose: a field added to comment must not reach
	// clients until someone adds it here.
	//lint:ignore S1016 explicit boundary conversion
	return commentJSON{ID: c.ID, Body: c.Body, Author: c.Author, CreatedAt: c.CreatedAt}
}

const maxComment = 2000

// handleCommentCreate: POST /articles/{slug}/comments {"comment":{"body":"..."}}
func (s *api) handleCommentCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Comment struct {
			Body string `json:"body"`
		} `json:"comment"`
	}
	if err := readJSON(w, r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if b := strings.TrimSpace(in.Comment.Body); b == "" || utf8.RuneCountInString(b) > maxComment {
		writeError(w, r, s.log, &validationError{Fields: map[string]string{"body": "must be 1-2000 characters"}})
		return
	}
	c, err := s.store.AddComment(actor(r), r.PathValue("slug"), strings.TrimSpace(in.Comment.Body))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]commentJSON{"comment": toCommentJSON(c)})
}

// handleCommentList: GET /articles/{slug}/comments. 410 while the article is
// soft-deleted: the delete cascades to its comments.
func (s *api) handleCommentList(w http.ResponseWriter, r *http.Request) {
	cs, err := s.store.Comments(r.PathValue("slug"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := make([]commentJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, toCommentJSON(c))
	}
	writeJSON(w, http.StatusOK, map[string][]commentJSON{"comments": out})
}
