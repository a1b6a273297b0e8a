package article

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
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
// a title and body are required, and slugs are unique.
func (m *Memory) Create(ctx context.Context, in NewArticle) (Article, error) {
	in.Title = strings.TrimSpace(in.Title)
	switch {
	case in.Author == "":
		return Article{}, Errorf(EUNAUTHORIZED, "an author is required")
	case in.Title == "":
		return Article{}, Errorf(EINVALID, "title is required")
	case len(in.Title) > 200:
		return Article{}, Errorf(EINVALID, "title must be at most 200 characters")
	case strings.TrimSpace(in.Body) == "":
		return Article{}, Errorf(EINVALID, "body is required")
	}
	slug := Slugify(in.Title)
	if slug == "" {
		return Article{}, Errorf(EINVALID, "title must contain a letter or digit")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, taken := m.articles[slug]; taken {
		return Article{}, Errorf(ECONFLICT, "an article with slug %q already exists", slug)
	}
	a := Article{Slug: slug, Title: in.Title, Description: in.Description, Body: in.Body, Author: in.Author, CreatedAt: m.now().UTC()}
	m.articles[slug] = a
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

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify turns a title into a URL path segment: "Hello, World!" → "hello-world".
func Slugify(title string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(title), "-"), "-")
}
