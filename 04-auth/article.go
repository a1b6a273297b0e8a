package main

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Article is the protected resource.
type Article struct {
	ID       int64  `json:"id"`
	AuthorID string `json:"author_id"`
	Title    string `json:"title"`
	Body     string `json:"body"`
}

type articleStore struct {
	mu     sync.Mutex
	nextID int64
	byID   map[int64]Article
}

func newArticleStore() *articleStore { return &articleStore{byID: map[int64]Article{}} }

func (s *articleStore) add(a Article) Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	a.ID = s.nextID
	s.byID[a.ID] = a
	return a
}

func (s *articleStore) get(id int64) (Article, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.byID[id]
	return a, ok
}

func (s *articleStore) put(a Article) {
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

func (in articleInput) problem() string {
	if strings.TrimSpace(in.Title) == "" || utf8.RuneCountInString(in.Title) > 200 {
		return "title must be 1 to 200 characters"
	}
	if utf8.RuneCountInString(in.Body) > 20_000 {
		return "body must be at most 20000 characters"
	}
	return ""
}

// forbid answers 403 and audits the denial. 403, not 401: the caller is
// authenticated, just not allowed.
func (s *Server) forbid(w http.ResponseWriter, r *http.Request, c *AccessClaims, act action, detail string) {
	s.audit(r, "authz.denied", "user", c.Subject, "role", c.Role, "action", string(act), "path", r.URL.Path)
	writeProblem(w, http.StatusForbidden, detail)
}

// loadArticle parses {id} and finds the article, answering 400/404 itself.
func (s *Server) loadArticle(w http.ResponseWriter, r *http.Request) (Article, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeProblem(w, http.StatusBadRequest, "article id must be a positive integer")
		return Article{}, false
	}
	a, ok := s.articles.get(id)
	if !ok {
		writeProblem(w, http.StatusNotFound, "no article with id "+strconv.FormatInt(id, 10))
		return Article{}, false
	}
	return a, true
}

func (s *Server) handleArticleCreate(w http.ResponseWriter, r *http.Request, c *AccessClaims) {
	if !can(c.Role, c.Subject, actCreate, c.Subject) {
		s.forbid(w, r, c, actCreate, "role "+c.Role+" may not create articles")
		return
	}
	var in articleInput
	if !decodeJSON(w, r, &in) {
		return
	}
	if msg := in.problem(); msg != "" {
		writeProblem(w, http.StatusUnprocessableEntity, msg)
		return
	}
	a := s.articles.add(Article{AuthorID: c.Subject, Title: in.Title, Body: in.Body})
	w.Header().Set("Location", "/articles/"+strconv.FormatInt(a.ID, 10))
	writeJSON(w, http.StatusCreated, a)
}

func (s *Server) handleArticleGet(w http.ResponseWriter, r *http.Request, c *AccessClaims) {
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

func (s *Server) handleArticleUpdate(w http.ResponseWriter, r *http.Request, c *AccessClaims) {
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
	if msg := in.problem(); msg != "" {
		writeProblem(w, http.StatusUnprocessableEntity, msg)
		return
	}
	a.Title, a.Body = in.Title, in.Body
	s.articles.put(a)
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) handleArticleDelete(w http.ResponseWriter, r *http.Request, c *AccessClaims) {
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
