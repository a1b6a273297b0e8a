// Package unitofwork is exercise 3 of chapter 12: a unit of work — all of a
// use case's changes commit together or not at all — and a use case that
// relies on it.
package unitofwork

import (
	"context"
	"errors"
	"maps"
	"sync"
)

// Article is the state the use case changes.
type Article struct {
	Slug     string
	Status   string // "draft", "review", "published"
	Revision int    // bumped by every Put
}

var (
	ErrNotFound    = errors.New("article not found")
	ErrNotInReview = errors.New("article is not in review")
	ErrEmptySeries = errors.New("a series needs at least one article")
)

// Repo is what a use case sees inside a unit of work.
type Repo interface {
	Get(slug string) (Article, error) // ErrNotFound when missing
	Put(a Article)                    // stores a, with Revision+1
}

// UnitOfWork runs fn atomically: fn's Puts become visible together if it
// returns nil, and never if it returns an error or panics.
type UnitOfWork interface {
	Do(ctx context.Context, fn func(tx Repo) error) error
}

// Store is an in-memory UnitOfWork. Do is yours to write (unitofwork.go).
type Store struct {
	mu       sync.Mutex         // held for the whole of a Do: one unit of work at a time
	articles map[string]Article // the committed state
}

var _ UnitOfWork = (*Store)(nil)

// NewStore returns a Store holding articles.
func NewStore(articles ...Article) *Store {
	s := &Store{articles: map[string]Article{}}
	for _, a := range articles {
		s.articles[a.Slug] = a
	}
	return s
}

// Committed returns a copy of the committed state.
func (s *Store) Committed() map[string]Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.articles)
}

// txRepo is a Repo over a private working copy of the articles.
//
//lint:ignore U1000 provided for the learner's implementation
type txRepo struct{ articles map[string]Article }

func (r *txRepo) Get(slug string) (Article, error) {
	a, ok := r.articles[slug]
	if !ok {
		return Article{}, ErrNotFound
	}
	return a, nil
}

func (r *txRepo) Put(a Article) {
	a.Revision++
	r.articles[a.Slug] = a
}
