package main

import (
	"slices"
	"sync"
	"time"
)

// store keeps the bookmarks in memory, newest last; the lesson is the
// contract, not the storage.
type store struct {
	mu     sync.Mutex
	nextID int64
	items  []bookmark
}

func newStore(items []bookmark) *store {
	s := &store{nextID: 1}
	for _, b := range items {
		s.items = append(s.items, b)
		s.nextID = max(s.nextID, b.ID+1)
	}
	return s
}

// seed is what a fresh server holds, so that the first GET shows something.
func seed() []bookmark {
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	return []bookmark{
		{ID: 1, URL: "https://spec.openapis.org/oas/v3.0.3", Title: "OpenAPI Specification 3.0.3", Tags: []string{"openapi", "spec"}, Visibility: "public", CreatedAt: at},
		{ID: 2, URL: "https://go.dev/doc/modules/managing-dependencies", Title: "Managing dependencies", Tags: []string{"go", "modules"}, Visibility: "public", CreatedAt: at.Add(time.Hour)},
	}
}

func (s *store) add(nb newBookmark, now time.Time) bookmark {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := bookmark{ID: s.nextID, URL: nb.URL, Title: nb.Title, Tags: slices.Clone(nb.Tags), Visibility: nb.Visibility, CreatedAt: now.UTC()}
	if b.Tags == nil {
		b.Tags = []string{}
	}
	if b.Visibility == "" {
		b.Visibility = "public"
	}
	s.nextID++
	s.items = append(s.items, b)
	return b
}

func (s *store) get(id int64) (bookmark, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.items, func(b bookmark) bool { return b.ID == id })
	if i < 0 {
		return bookmark{}, false
	}
	return s.items[i], true
}

func (s *store) remove(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.items)
	s.items = slices.DeleteFunc(s.items, func(b bookmark) bool { return b.ID == id })
	return len(s.items) < n
}

// list returns up to limit bookmarks carrying tag (any, when tag is ""),
// and how many match in all.
func (s *store) list(tag string, limit int) ([]bookmark, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []bookmark{}
	count := 0
	for _, b := range s.items {
		if tag != "" && !slices.Contains(b.Tags, tag) {
			continue
		}
		count++
		if len(out) < limit {
			out = append(out, b)
		}
	}
	return out, count
}

// tags returns every tag in use, sorted, once each.
func (s *store) tags() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []string{}
	for _, b := range s.items {
		out = append(out, b.Tags...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
