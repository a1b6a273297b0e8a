package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"workbook/serve/problem"
)

// v2Article is the version 2 representation: nested author, RFC 3339
// time, and links built from named routes rather than pasted strings.
type v2Article struct {
	Slug        string            `json:"slug"`
	Title       string            `json:"title"`
	Author      v2Author          `json:"author"`
	Tags        []string          `json:"tags"`
	PublishedAt time.Time         `json:"publishedAt"`
	Links       map[string]string `json:"links"`
}

type v2Author struct {
	Username string `json:"username"`
}

func (s *server) toV2Article(a Article) v2Article {
	return v2Article{
		Slug: a.Slug, Title: a.Title, Author: v2Author{Username: a.Author}, Tags: a.Tags, PublishedAt: a.Published,
		Links: map[string]string{
			"self": s.urlFor(routeV2Article, "slug", a.Slug),
			"v1":   s.urlFor(routeV1Article, "slug", a.Slug),
		},
	}
}

// urlFor reverses a named route. A failure here is a programming error
// (a wrong name or a value that breaks the route's constraint), so it is
// logged and the link left empty rather than failing the whole response.
func (s *server) urlFor(name string, pairs ...string) string {
	route := s.router.Get(name)
	if route == nil {
		s.logger.Error("reverse routing: no route named", "name", name)
		return ""
	}
	u, err := route.URL(pairs...)
	if err != nil {
		s.logger.Error("reverse routing failed", "name", name, "err", err)
		return ""
	}
	return u.String()
}

// handleV2Articles lists articles: ?tag= filters, ?limit= caps (1..50).
func (s *server) handleV2Articles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := 20
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 50 {
			problem.Error(w, r, http.StatusBadRequest, fmt.Sprintf("limit must be an integer from 1 to 50, got %q", l))
			return
		}
		limit = n
	}
	all := s.store.List(q.Get("tag"), nil)
	out := make([]v2Article, 0, len(all))
	for _, a := range all[:min(limit, len(all))] {
		out = append(out, s.toV2Article(a))
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": out, "count": len(out)})
}

func (s *server) handleV2Article(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Get(mux.Vars(r)["slug"])
	if errors.Is(err, errArticleNotFound) {
		problem.Error(w, r, http.StatusNotFound, fmt.Sprintf("no article with slug %q", mux.Vars(r)["slug"]))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"article": s.toV2Article(a)})
}

// createArticleRequest is the body of POST /v2/articles.
type createArticleRequest struct {
	Slug   string   `json:"slug"`
	Title  string   `json:"title"`
	Author string   `json:"author"`
	Tags   []string `json:"tags"`
}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// maxArticleBytes bounds the body of POST /v2/articles.
const maxArticleBytes = 64 << 10

// handleV2Create stores an article and answers 201 with a Location built
// by reversing the named route: rename the path in routes.go and the
// Location header follows.
func (s *server) handleV2Create(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxArticleBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	var req createArticleRequest
	if err := dec.Decode(&req); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("an article is at most %d bytes of JSON", maxArticleBytes))
			return
		}
		// encoding/json's messages name the offending field or offset and
		// nothing of the server, so they are useful to the client as they are.
		problem.Error(w, r, http.StatusBadRequest, "could not read the article: "+err.Error())
		return
	}
	// Every broken rule is reported at once, each with a JSON Pointer
	// (RFC 6901) to its field, so a client can fix them all in one go.
	var invalid []problem.FieldError
	if !slugRe.MatchString(req.Slug) {
		invalid = append(invalid, problem.FieldError{Pointer: "/slug", Detail: "slug must be lowercase words joined by dashes, like hello-world"})
	}
	if strings.TrimSpace(req.Title) == "" {
		invalid = append(invalid, problem.FieldError{Pointer: "/title", Detail: "title is required"})
	}
	if strings.TrimSpace(req.Author) == "" {
		invalid = append(invalid, problem.FieldError{Pointer: "/author", Detail: "author is required"})
	}
	if len(invalid) > 0 {
		p := problem.New(http.StatusUnprocessableEntity, "the article breaks the rules listed in errors")
		p.Errors = invalid
		problem.Write(w, r, p)
		return
	}
	a := Article{Slug: req.Slug, Title: req.Title, Author: req.Author, Tags: req.Tags, Published: time.Now().UTC().Truncate(time.Second)}
	if a.Tags == nil {
		a.Tags = []string{}
	}
	if err := s.store.Create(a); err != nil {
		problem.Error(w, r, http.StatusConflict, fmt.Sprintf("an article with slug %q already exists", a.Slug))
		return
	}
	w.Header().Set("Location", s.urlFor(routeV2Article, "slug", a.Slug))
	writeJSON(w, http.StatusCreated, map[string]any{"article": s.toV2Article(a)})
}

func (s *server) handleV2Delete(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Delete(mux.Vars(r)["slug"]); err != nil {
		problem.Error(w, r, http.StatusNotFound, fmt.Sprintf("no article with slug %q", mux.Vars(r)["slug"]))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
