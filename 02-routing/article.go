package main

import (
	"errors"
	"slices"
	"sync"
	"time"
)

// Article is the one resource this chapter routes to.
type Article struct {
	Slug      string
	Title     string
	Author    string
	Tags      []string
	Published time.Time
}

var (
	errArticleNotFound = errors.New("article not found")
	errArticleExists   = errors.New("article already exists")
)

// articleStore is an in-memory article table, safe for concurrent use.
type articleStore struct {
	mu       sync.RWMutex
	articles map[string]Article
}

func newArticleStore() *articleStore {
	s := &articleStore{articles: make(map[string]Article)}
	for _, a := range []Article{
		{Slug: "hello-routing", Title: "Hello, routing", Author: "ada", Tags: []string{"go", "http"}, Published: time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)},
		{Slug: "mux-precedence", Title: "Why the first route wins", Author: "grace", Tags: []string{"go", "mux"}, Published: time.Date(2024, 5, 20, 9, 0, 0, 0, time.UTC)},
		{Slug: "reverse-routing", Title: "Build URLs, don't paste them", Author: "ada", Tags: []string{"http"}, Published: time.Date(2024, 6, 11, 9, 0, 0, 0, time.UTC)},
	} {
		s.articles[a.Slug] = a
	}
	return s
}

// Get returns the article with the given slug or errArticleNotFound.
func (s *articleStore) Get(slug string) (Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.articles[slug]
	if !ok {
		return Article{}, errArticleNotFound
	}
	return a, nil
}

// List returns articles sorted by publication date (newest first) that
// carry tag (every article when tag is empty) and pass keep (when non-nil).
func (s *articleStore) List(tag string, keep func(Article) bool) []Article {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Article
	for _, a := range s.articles {
		if tag != "" && !slices.Contains(a.Tags, tag) {
			continue
		}
		if keep != nil && !keep(a) {
			continue
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Article) int { return b.Published.Compare(a.Published) })
	return out
}

// Create stores a new article or returns errArticleExists.
func (s *articleStore) Create(a Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.articles[a.Slug]; ok {
		return errArticleExists
	}
	s.articles[a.Slug] = a
	return nil
}

// Delete removes an article or returns errArticleNotFound.
func (s *articleStore) Delete(slug string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.articles[slug]; !ok {
		return errArticleNotFound
	}
	delete(s.articles, slug)
	return nil
}
