package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Errors of the store, mapped to problem details in problem.go.
var (
	ErrNotFound          = errors.New("rest: article not found")
	ErrDuplicate         = errors.New("rest: an article with this title already exists")
	ErrInvalidTransition = errors.New("rest: action not allowed in this state")
)

// Store is a small concurrency-safe article store (09-crud has the full
// treatment). A zero Store is not usable; call NewStore.
type Store struct {
	mu       sync.RWMutex
	now      func() time.Time
	articles map[string]*Article
}

// NewStore returns an empty store reading the time from now.
func NewStore(now func() time.Time) *Store {
	return &Store{now: now, articles: map[string]*Article{}}
}

func (a Article) clone() Article { a.Tags = slices.Clone(a.Tags); return a }

// Create saves a new draft by author. The input must be valid.
func (s *Store) Create(in ArticleInput, author string) (Article, error) {
	if err := in.Validate(); err != nil {
		return Article{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := Article{Slug: slugify(in.Title), Author: author, Status: StatusDraft, Version: 1}
	if _, ok := s.articles[a.Slug]; ok {
		return Article{}, ErrDuplicate
	}
	a.apply(in)
	a.CreatedAt = s.now().UTC()
	a.UpdatedAt = a.CreatedAt
	s.articles[a.Slug] = &a
	return a.clone(), nil
}

// Get returns the article with this slug.
func (s *Store) Get(slug string) (Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.articles[slug]
	if !ok {
		return Article{}, ErrNotFound
	}
	return a.clone(), nil
}

// Filter selects articles for List.
type Filter struct {
	Tag, Author string
	Status      Status // "" = any visible
	Viewer      string // drafts are visible only to their author
}

// List returns the articles matching f, newest first, and their total.
func (s *Store) List(f Filter, offset, limit int) ([]Article, int) {
	s.mu.RLock()
	var all []Article
	for _, a := range s.articles {
		if !a.visibleTo(f.Viewer) ||
			(f.Tag != "" && !slices.Contains(a.Tags, f.Tag)) ||
			(f.Author != "" && a.Author != f.Author) ||
			(f.Status != "" && a.Status != f.Status) {
			continue
		}
		all = append(all, a.clone())
	}
	s.mu.RUnlock()
	slices.SortFunc(all, func(a, b Article) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.Slug, b.Slug)
	})
	start := min(offset, len(all))
	end := min(start+limit, len(all))
	return all[start:end], len(all)
}

// Replace overwrites the writable fields.
func (s *Store) Replace(slug string, in ArticleInput) (Article, error) {
	if err := in.Validate(); err != nil {
		return Article{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.articles[slug]
	if !ok {
		return Article{}, ErrNotFound
	}
	next := a.clone()
	next.apply(in)
	next.Version++
	next.UpdatedAt = s.now().UTC()
	s.articles[slug] = &next
	return next.clone(), nil
}

// Delete removes the article.
func (s *Store) Delete(slug string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.articles[slug]; !ok {
		return ErrNotFound
	}
	delete(s.articles, slug)
	return nil
}

// Transition applies a workflow action ("publish", "archive") if the
// article's state allows it, else ErrInvalidTransition.
func (s *Store) Transition(slug, action string) (Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.articles[slug]
	if !ok {
		return Article{}, ErrNotFound
	}
	to, ok := transitions[a.Status][action]
	if !ok {
		return Article{}, fmt.Errorf("%w: cannot %s an article that is %s", ErrInvalidTransition, action, a.Status)
	}
	next := a.clone()
	next.Status = to
	next.Version++
	next.UpdatedAt = s.now().UTC()
	s.articles[slug] = &next
	return next.clone(), nil
}
