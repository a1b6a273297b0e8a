package main

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"workbook/serve/problem"
)

// article is the protected resource.
type article struct {
	ID       int64  `json:"id"`
	AuthorID string `json:"author_id"`
	Title    string `json:"title"`
	Body     string `json:"body"`
}

type articleStore struct {
	mu     sync.Mutex
	nextID int64
	byID   map[int64]article
}

func newArticleStore() *articleStore { return &articleStore{byID: map[int64]article{}} }

func (s *articleStore) add(a article) article {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	a.ID = s.nextID
	s.byID[a.ID] = a
	return a
}

func (s *articleStore) get(id int64) (article, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.byID[id]
	return a, ok
}

func (s *articleStore) put(a article) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byID[a.ID] = a
}

func (s *articleStore) remove(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, id)
}

type articleInput struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

func (in articleInput) invalid() []problem.FieldError {
	var invalid []problem.FieldError
	if strings.TrimSpace(in.Title) == "" || utf8.RuneCountInString(in.Title) > 200 {
		invalid = append(invalid, problem.FieldError{Pointer: "/title", Detail: "title must be 1 to 200 characters"})
	}
	if utf8.RuneCountInString(in.Body) > 20_000 {
		invalid = append(invalid, problem.FieldError{Pointer: "/body", Detail: "body must be at most 20000 characters"})
	}
	return invalid
}

// forbid answers 403 and audits the denial. 403, not 401: the caller is
// authenticated, just not allowed.
func (s *server) forbid(w http.ResponseWriter, r *http.Request, c *accessClaims, act action, detail string) {
	s.audit(r, "authz.denied", "user", c.Subject, "role", c.Role, "action", string(act), "path", r.URL.Path)
	writeProblem(w, r, http.StatusForbidden, detail)
}

// loadArticle parses {id} and finds the article, answering 400/404 itself.
func (s *server) loadArticle(w http.ResponseWriter, r *http.Request) (article, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeProblem(w, r, http.StatusBadRequest, "article id must be a positive integer")
		return article{}, false
	}
	a, ok := s.articles.get(id)
	if !ok {
		writeProblem(w, r, http.StatusNotFound, "no article with id "+strconv.FormatInt(id, 10))
		return article{}, false
	}
	return a, true
}

func (s *server) handleArticleCreate(w http.ResponseWriter, r *http.Request, c *accessClaims) {
	if !can(c.Role, c.Subject, actCreate, c.Subject) {
		s.forbid(w, r, c, actCreate, "role "+c.Role+" may not create articles")
		return
	}
	var in articleInput
	if !decodeJSON(w, r, &in) {
		return
	}
	if invalid := in.invalid(); len(invalid) > 0 {
		writeInvalid(w, r, "the article breaks the rules listed in errors", invalid)
		return
	}
	a := s.articles.add(article{AuthorID: c.Subject, Title: in.Title, Body: in.Body})
	w.Header().Set("Location", "/articles/"+strconv.FormatInt(a.ID, 10))
	writeJSON(w, http.StatusCreated, a)
}

func (s *server) handleArticleGet(w http.ResponseWriter, r *http.Request, c *accessClaims) {
	a, ok := s.loadArticle(w, r)
	if !ok {
		return
	}
	if !can(c.Role, c.Subject, actRead, a.AuthorID) {
		s.forbid(w, r, c, actRead, "role "+c.Role+" may not read articles")
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *server) handleArticleUpdate(w http.ResponseWriter, r *http.Request, c *accessClaims) {
	a, ok := s.loadArticle(w, r)
	if !ok {
		return
	}
	if !can(c.Role, c.Subject, actUpdate, a.AuthorID) {
		s.forbid(w, r, c, actUpdate, "only the article's author or an admin may update it")
		return
	}
	var in articleInput
	if !decodeJSON(w, r, &in) {
		return
	}
	if invalid := in.invalid(); len(invalid) > 0 {
		writeInvalid(w, r, "the article breaks the rules listed in errors", invalid)
		return
	}
	a.Title, a.Body = in.Title, in.Body
	s.articles.put(a)
	writeJSON(w, http.StatusOK, a)
}

func (s *server) handleArticleDelete(w http.ResponseWriter, r *http.Request, c *accessClaims) {
	a, ok := s.loadArticle(w, r)
	if !ok {
		return
	}
	if !can(c.Role, c.Subject, actDelete, a.AuthorID) {
		s.forbid(w, r, c, actDelete, "only the article's author or an admin may delete it")
		return
	}
	s.articles.remove(a.ID)
	w.WriteHeader(http.StatusNoContent)
}
