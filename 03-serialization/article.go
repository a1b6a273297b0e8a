package main

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"time"
)

// Article is the domain type. It carries no encoding tags: each wire
// format gets its own representation and a converter (see wire.go).
type Article struct {
	ID             int64
	Slug           string
	Title          string
	Description    *string // nil: the article has no description
	Body           string
	Tags           []string
	Author         Author
	FavoritesCount int64
	Rating         float64
	CreatedAt      time.Time
}

// Author is who wrote an article.
type Author struct {
	Username string
	Bio      string
}

var (
	errArticleNotFound = errors.New("article not found")
	errArticleExists   = errors.New("article already exists")
)

// firstID is 2^53 + 1, the smallest integer a float64 cannot hold: every
// ID this server hands out would be corrupted by a JavaScript client that
// read it as a JSON number. That is why JSON sends IDs as strings.
const firstID = 1<<53 + 1

// articleStore is an in-memory article table, safe for concurrent use.
type articleStore struct {
	mu       sync.RWMutex
	articles map[string]Article
	nextID   int64
}

func newArticleStore() *articleStore {
	s := &articleStore{articles: make(map[string]Article), nextID: firstID}
	desc := "Five encodings of one article, and what each costs."
	for _, a := range []Article{
		{
			Slug: "how-to-serialize", Title: "How to serialize an article", Description: &desc,
			Body: "Pick the encoding for the reader: people read JSON and YAML, machines prefer Protocol Buffers.",
			Tags: []string{"go", "json", "protobuf"}, Author: Author{Username: "ada", Bio: "Writes parsers for fun."},
			FavoritesCount: 42, Rating: 4.5, CreatedAt: time.Date(2024, 5, 2, 9, 30, 0, 0, time.UTC),
		},
		{
			Slug: "null-is-not-absent", Title: "Null is not absent", Description: nil,
			Body: "A PATCH must tell apart a field that was left out from a field set to null.",
			Tags: []string{"json", "api"}, Author: Author{Username: "grace"},
			Rating: 4, CreatedAt: time.Date(2024, 6, 11, 14, 0, 0, 0, time.UTC),
		},
	} {
		_, _ = s.Create(a)
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

// List returns every article, oldest first.
func (s *articleStore) List() []Article {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Article, 0, len(s.articles))
	for _, a := range s.articles {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Article) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out
}

// Create stores a new article, assigning its ID (and CreatedAt when it is
// zero), or returns errArticleExists.
func (s *articleStore) Create(a Article) (Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.articles[a.Slug]; ok {
		return Article{}, errArticleExists
	}
	a.ID = s.nextID
	s.nextID++
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now().UTC().Truncate(time.Second)
	}
	s.articles[a.Slug] = a
	return a, nil
}

// Update replaces the article with the same slug, keeping its ID.
func (s *articleStore) Update(a Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.articles[a.Slug]
	if !ok {
		return errArticleNotFound
	}
	a.ID = old.ID
	s.articles[a.Slug] = a
	return nil
}

// normalizeTags trims, lowercases and de-duplicates tags, keeping order.
func normalizeTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
