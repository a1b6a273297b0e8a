package main

import (
	"context"
	"sync"
	"time"
)

// Article is what the chapter caches.
type Article struct {
	Slug      string    `json:"slug"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Store is the slow source of truth: an in-memory map that sleeps for a
// configurable latency on every call, standing in for a database so that the
// cache in front of it has something to save. Safe for concurrent use.
type Store struct {
	latency time.Duration
	mu      sync.RWMutex
	byslug  map[string]Article
}

// NewStore returns a store whose every call takes latency.
func NewStore(latency time.Duration) *Store {
	return &Store{latency: latency, byslug: map[string]Article{}}
}

// wait is the artificial latency; it gives up early when ctx is done.
func (s *Store) wait(ctx context.Context) error {
	if s.latency <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(s.latency)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Get returns the article and true, or false when there is none.
func (s *Store) Get(ctx context.Context, slug string) (Article, bool, error) {
	if err := s.wait(ctx); err != nil {
		return Article{}, false, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.byslug[slug]
	return a, ok, nil
}

// Put creates or replaces an article.
func (s *Store) Put(ctx context.Context, a Article) error {
	if err := s.wait(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byslug[a.Slug] = a
	return nil
}

// Delete removes an article; deleting a missing one is not an error.
func (s *Store) Delete(ctx context.Context, slug string) error {
	if err := s.wait(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byslug, slug)
	return nil
}
