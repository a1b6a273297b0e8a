package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"workbook/serve/slug"
)

// Errors of the store, mapped to problem details in problem.go.
var (
	errNotFound          = errors.New("rest: article not found")
	errDuplicate         = errors.New("rest: an article with this title already exists")
	errInvalidTransition = errors.New("rest: action not allowed in this state")
)

// articleStore is a small concurrency-safe article store (09-crud has the full
// treatment). A zero articleStore is not usable; call newArticleStore.
type articleStore struct {
	mu       sync.RWMutex
	now      func() time.Time
	articles map[string]*article
}

// newArticleStore returns an empty store reading the time from now.
func newArticleStore(now func() time.Time) *articleStore {
	return &articleStore{now: now, articles: map[string]*article{}}
}

func (a article) clone() article { a.Tags = slices.Clone(a.Tags); return a }

// Create saves a new draft by author. The input must be valid.
func (s *articleStore) Create(in articleInput, author string) (article, error) {
	if err := in.Validate(); err != nil {
		return article{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := article{Slug: slug.Make(in.Title), Author: author, Status: statusDraft, Version: 1}
	if _, ok := s.articles[a.Slug]; ok {
		return article{}, errDuplicate
	}
	a.apply(in)
	a.CreatedAt = s.now().UTC()
	a.UpdatedAt = a.CreatedAt
	s.articles[a.Slug] = &a
	return a.clone(), nil
}

// Get returns the article with this slug.
func (s *articleStore) Get(slug string) (article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.articles[slug]
	if !ok {
		return article{}, errNotFound
	}
	return a.clone(), nil
}

// listFilter selects articles for List.
type listFilter struct {
	Tag, Author string
	Status      articleStatus // "" = any visible
	Viewer      string        // drafts are visible only to their author
}

// List returns the articles matching f, newest first, and their total.
func (s *articleStore) List(f listFilter, offset, limit int) ([]article, int) {
	s.mu.RLock()
	var all []article
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
	slices.SortFunc(all, func(a, b article) int {
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
func (s *articleStore) Replace(slug string, in articleInput) (article, error) {
	if err := in.Validate(); err != nil {
		return article{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.articles[slug]
	if !ok {
		return article{}, errNotFound
	}
	next := a.clone()
	next.apply(in)
	next.Version++
	next.UpdatedAt = s.now().UTC()
	s.articles[slug] = &next
	return next.clone(), nil
}

// Delete removes the article.
func (s *articleStore) Delete(slug string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.articles[slug]; !ok {
		return errNotFound
	}
	delete(s.articles, slug)
	return nil
}

// Transition applies a workflow action ("publish", "archive") if the
// article's state allows it, else errInvalidTransition.
func (s *articleStore) Transition(slug, action string) (article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.articles[slug]
	if !ok {
		return article{}, errNotFound
	}
	to, ok := transitions[a.Status][action]
	if !ok {
		return article{}, fmt.Errorf("%w: cannot %s an article that is %s", errInvalidTransition, action, a.Status)
	}
	next := a.clone()
	next.Status = to
	next.Version++
	next.UpdatedAt = s.now().UTC()
	s.articles[slug] = &next
	return next.clone(), nil
}
