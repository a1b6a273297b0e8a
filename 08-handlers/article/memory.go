package article

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"workbook/serve/slug"
)

// Memory is a Service that keeps articles in memory. It is safe for
// concurrent use. The zero value is not usable; call NewMemory.
type Memory struct {
	mu       sync.RWMutex
	articles map[string]Article
	now      func() time.Time
}

var _ Service = (*Memory)(nil)

// NewMemory returns an empty store whose clock is now (time.Now when nil).
func NewMemory(now func() time.Time) *Memory {
	if now == nil {
		now = time.Now
	}
	return &Memory{articles: map[string]Article{}, now: now}
}

// Get implements Service.
func (m *Memory) Get(ctx context.Context, slug string) (Article, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	a, ok := m.articles[slug]
	if !ok {
		return Article{}, Errorf(ENOTFOUND, "article %q not found", slug)
	}
	return a, nil
}

// List implements Service. The default and maximum Limit is 100.
func (m *Memory) List(ctx context.Context, f ListFilter) ([]Article, error) {
	if f.Limit < 0 {
		return nil, Errorf(EINVALID, "limit must not be negative")
	}
	if f.Limit == 0 || f.Limit > 100 {
		f.Limit = 100
	}
	m.mu.RLock()
	out := make([]Article, 0, len(m.articles))
	for _, a := range m.articles {
		if f.Author == "" || a.Author == f.Author {
			out = append(out, a)
		}
	}
	m.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.After(out[j].CreatedAt)
		}
		return out[i].Slug < out[j].Slug
	})
	if len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// Create implements Service. Business rules live here, not in the handler:
// a title and body are required, the title must give a slug, and slugs are
// unique. Every broken rule is reported at once.
func (m *Memory) Create(ctx context.Context, in NewArticle) (Article, error) {
	if in.Author == "" {
		return Article{}, Errorf(EUNAUTHORIZED, "an author is required")
	}
	in.Title = strings.TrimSpace(in.Title)
	var bad []FieldError
	s := slug.Make(in.Title)
	switch {
	case in.Title == "":
		bad = append(bad, FieldError{"title", "title is required"})
	case len(in.Title) > 200:
		bad = append(bad, FieldError{"title", "title must be at most 200 characters"})
	case s == "":
		bad = append(bad, FieldError{"title", "title must contain a letter or digit"})
	}
	if strings.TrimSpace(in.Body) == "" {
		bad = append(bad, FieldError{"body", "body is required"})
	}
	if len(bad) > 0 {
		return Article{}, &Error{Code: EINVALID, Message: "the article has invalid fields", Fields: bad}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, taken := m.articles[s]; taken {
		return Article{}, Errorf(ECONFLICT, "an article with slug %q already exists", s)
	}
	a := Article{Slug: s, Title: in.Title, Description: in.Description, Body: in.Body, Author: in.Author, CreatedAt: m.now().UTC()}
	m.articles[s] = a
	return a, nil
}

// Delete implements Service.
func (m *Memory) Delete(ctx context.Context, slug, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.articles[slug]
	if !ok {
		return Errorf(ENOTFOUND, "article %q not found", slug)
	}
	if a.Author != user {
		return Errorf(EFORBIDDEN, "only the author may delete %q", slug)
	}
	delete(m.articles, slug)
	return nil
}
