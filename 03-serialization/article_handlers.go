package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"workbook/serve/problem"
)

// handleArticleList answers GET /articles in the negotiated format.
func (s *server) handleArticleList(w http.ResponseWriter, r *http.Request) {
	writeEncoded(w, r, s.logger, http.StatusOK, toListDoc(s.store.List()))
}

// handleArticleGet answers GET /articles/{slug} in the negotiated format.
func (s *server) handleArticleGet(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Get(r.PathValue("slug"))
	if errors.Is(err, errArticleNotFound) {
		problem.Error(w, r, http.StatusNotFound, fmt.Sprintf("no article with slug %q", r.PathValue("slug")))
		return
	}
	writeEncoded(w, r, s.logger, http.StatusOK, toDoc(a))
}

// handleArticleCreate reads an article in whichever format Content-Type
// names, and answers in whichever format Accept asks for: the request and
// the response are negotiated separately.
func (s *server) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	c, err := requestCodec(r)
	if err != nil {
		var ne *errNegotiation
		errors.As(err, &ne)
		problem.Error(w, r, ne.status, ne.message)
		return
	}
	// Bound the body before reading a byte of it: every decoder below
	// works on at most maxBody bytes.
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		writeDecodeError(w, r, c.name, err)
		return
	}
	var doc articleDoc
	if err := c.unmarshal(data, &doc); err != nil {
		writeDecodeError(w, r, c.name, err)
		return
	}
	if invalid := validateNew(doc); len(invalid) > 0 {
		writeInvalid(w, r, "the article has invalid fields", invalid)
		return
	}
	a := fromDoc(doc)
	a.Tags = normalizeTags(a.Tags)
	a, err = s.store.Create(a)
	if err != nil {
		problem.Error(w, r, http.StatusConflict, fmt.Sprintf("an article with slug %q already exists", doc.Slug))
		return
	}
	w.Header().Set("Location", "/articles/"+a.Slug)
	writeEncoded(w, r, s.logger, http.StatusCreated, toDoc(a))
}
