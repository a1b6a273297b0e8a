package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Errors the store returns. The HTTP layer maps each to one status code in
// errors.go and nowhere else.
var (
	ErrNotFound  = errors.New("crud: article not found")
	ErrGone      = errors.New("crud: article was deleted")
	ErrDuplicate = errors.New("crud: an article with this slug already exists")
	ErrNotGone   = errors.New("crud: article is not deleted")
)

// Store keeps articles, their comments and the audit log in memory. One
// mutex guards all three, which is what makes each operation a transaction:
// the check ("does this slug exist?", "is this the version you read?"), the
// change and its audit entry happen together or not at all, and no other
// goroutine can observe a state in between. Reads take the lock shared, so
// many readers proceed in parallel. A zero Store is not usable; call NewStore.
type Store struct {
	mu       sync.RWMutex
	now      func() time.Time
	nextID   int64                 // article IDs
	nextCID  int64                 // comment IDs
	articles map[string]*Article   // by slug, soft-deleted ones included
	comments map[string][]*Comment // by article slug
	audit    []AuditEntry
}

// Comment is a comment on an article. Comments cascade with their article:
// hidden while it is soft-deleted, visible again after a restore.
type Comment struct {
	ID        int64
	Body      string
	Author    string
	CreatedAt time.Time
}

// NewStore returns an empty store that reads the time from now.
func NewStore(now func() time.Time) *Store {
	return &Store{now: now, articles: map[string]*Article{}, comments: map[string][]*Comment{}}
}

// Create saves a new article and returns it with its ID, version 1 and
// timestamps set. A slug held by any article, live or soft-deleted, gives
// ErrDuplicate: the check and the insert happen under one lock, so of many
// concurrent creates with the same slug exactly one succeeds.
func (s *Store) Create(actor string, a Article) (Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.articles[a.Slug]; ok {
		if old.Deleted() {
			return Article{}, fmt.Errorf("%w (it is deleted: restore it or choose another title)", ErrDuplicate)
		}
		return Article{}, ErrDuplicate
	}
	s.nextID++
	now := s.now().UTC()
	a = a.clone()
	a.ID, a.Version, a.CreatedAt, a.UpdatedAt, a.DeletedAt = s.nextID, 1, now, now, time.Time{}
	s.articles[a.Slug] = &a
	s.record(actor, "create", a.Slug, nil, &a)
	return a.clone(), nil
}

// Get returns the live article with this slug, ErrGone if it is
// soft-deleted, or ErrNotFound.
func (s *Store) Get(slug string) (Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, err := s.live(slug)
	if err != nil {
		return Article{}, err
	}
	return a.clone(), nil
}

// live returns the stored article or the error explaining why it cannot be
// used. Callers hold the lock.
func (s *Store) live(slug string) (*Article, error) {
	a, ok := s.articles[slug]
	switch {
	case !ok:
		return nil, ErrNotFound
	case a.Deleted():
		return nil, ErrGone
	}
	return a, nil
}

// Precondition inspects the current article inside the update's critical
// section and returns an error to abort it (for example, a stale ETag).
type Precondition func(current Article) error

// Update runs check against the current article and then change on a copy
// of it. Only if both succeed is the copy stored, with Version+1 and a new
// UpdatedAt, and audited as action. Because it all happens under one lock,
// two clients that read the same version cannot both write: the second sees
// the first's new version in check and is refused.
func (s *Store) Update(actor, action, slug string, check Precondition, change func(*Article) error) (Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.live(slug)
	if err != nil {
		return Article{}, err
	}
	if check != nil {
		if err := check(cur.clone()); err != nil {
			return Article{}, err
		}
	}
	next := cur.clone()
	if err := change(&next); err != nil {
		return Article{}, err // nothing was stored: updates are all-or-nothing
	}
	next.ID, next.Slug, next.Author, next.CreatedAt = cur.ID, cur.Slug, cur.Author, cur.CreatedAt
	next.Version = cur.Version + 1
	next.UpdatedAt = s.now().UTC()
	before := cur.clone()
	s.articles[slug] = &next
	s.record(actor, action, slug, &before, &next)
	return next.clone(), nil
}

// Delete soft-deletes the article: it stays in the store (so it can be
// restored and its slug is not reused) but reads return ErrGone, and its
// comments are hidden with it.
func (s *Store) Delete(actor, slug string, check Precondition) error {
	_, err := s.Update(actor, "delete", slug, check, func(a *Article) error {
		a.DeletedAt = s.now().UTC()
		return nil
	})
	return err
}

// Restore undoes a soft delete. It returns ErrNotFound for an unknown slug
// and ErrNotGone for an article that is not deleted.
func (s *Store) Restore(actor, slug string) (Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.articles[slug]
	if !ok {
		return Article{}, ErrNotFound
	}
	if !cur.Deleted() {
		return Article{}, ErrNotGone
	}
	before := cur.clone()
	next := cur.clone()
	next.DeletedAt = time.Time{}
	next.Version++
	next.UpdatedAt = s.now().UTC()
	s.articles[slug] = &next
	s.record(actor, "restore", slug, &before, &next)
	return next.clone(), nil
}

// AddComment adds a comment to a live article.
func (s *Store) AddComment(actor, slug, body string) (Comment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.live(slug); err != nil {
		return Comment{}, err
	}
	s.nextCID++
	c := &Comment{ID: s.nextCID, Body: body, Author: actor, CreatedAt: s.now().UTC()}
	s.comments[slug] = append(s.comments[slug], c)
	s.recordComment(actor, slug, c)
	return *c, nil
}

// Comments lists a live article's comments, oldest first. For a
// soft-deleted article it returns ErrGone: the delete cascades to them.
func (s *Store) Comments(slug string) ([]Comment, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, err := s.live(slug); err != nil {
		return nil, err
	}
	out := make([]Comment, 0, len(s.comments[slug]))
	for _, c := range s.comments[slug] {
		out = append(out, *c)
	}
	return out, nil
}

// Query selects, orders and pages articles for List.
type Query struct {
	Tag, Author, Search string // filters; empty means "any"
	Sort                SortKey
	Limit, Offset       int
}

// SortKey is a validated sort order such as "-createdAt".
type SortKey struct {
	Field string // one of sortFields
	Desc  bool
}

// sortFields are the fields a client may sort by. Anything else is a 400:
// silently ignoring a typo ("sort=craetedAt") would hand back a list in an
// order the client did not ask for and cannot detect.
var sortFields = map[string]func(a, b *Article) int{
	"createdAt": func(a, b *Article) int { return a.CreatedAt.Compare(b.CreatedAt) },
	"updatedAt": func(a, b *Article) int { return a.UpdatedAt.Compare(b.UpdatedAt) },
	"title":     func(a, b *Article) int { return cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) },
	"slug":      func(a, b *Article) int { return cmp.Compare(a.Slug, b.Slug) },
}

// ParseSort reads "field" or "-field" (descending). Empty means "-createdAt",
// newest first.
func ParseSort(s string) (SortKey, error) {
	if s == "" {
		return SortKey{Field: "createdAt", Desc: true}, nil
	}
	k := SortKey{Field: strings.TrimPrefix(s, "-"), Desc: strings.HasPrefix(s, "-")}
	if _, ok := sortFields[k.Field]; !ok {
		return SortKey{}, fmt.Errorf("cannot sort by %q: use one of createdAt, updatedAt, title, slug, optionally prefixed by '-' for descending", k.Field)
	}
	return k, nil
}

// List returns one page of live articles matching q and the number that
// match in total (for the client's "page 2 of 7").
func (s *Store) List(q Query) ([]Article, int) {
	s.mu.RLock()
	matched := make([]*Article, 0, len(s.articles))
	for _, a := range s.articles {
		if a.Deleted() ||
			(q.Tag != "" && !slices.Contains(a.Tags, q.Tag)) ||
			(q.Author != "" && a.Author != q.Author) ||
			(q.Search != "" && !strings.Contains(strings.ToLower(a.Title), strings.ToLower(q.Search))) {
			continue
		}
		c := a.clone()
		matched = append(matched, &c)
	}
	s.mu.RUnlock()

	by := sortFields[q.Sort.Field]
	if by == nil {
		by = sortFields["createdAt"]
	}
	slices.SortFunc(matched, func(a, b *Article) int {
		c := by(a, b)
		if c == 0 {
			c = cmp.Compare(a.ID, b.ID) // a total order makes pages stable
		}
		if q.Sort.Desc {
			return -c
		}
		return c
	})
	total := len(matched)
	start := min(q.Offset, total)
	end := min(start+q.Limit, total)
	out := make([]Article, 0, end-start)
	for _, a := range matched[start:end] {
		out = append(out, *a)
	}
	return out, total
}
