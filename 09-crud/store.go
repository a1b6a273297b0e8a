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
	errNotFound  = errors.New("article not found")
	errGone      = errors.New("article was deleted")
	errDuplicate = errors.New("an article with this slug already exists")
	errNotGone   = errors.New("article is not deleted")
)

// articleStore keeps articles, their comments and the audit log in memory. One
// mutex guards all three, which is what makes each operation a transaction:
// the check ("does this slug exist?", "is this the version you read?"), the
// change and its audit entry happen together or not at all, and no other
// goroutine can observe a state in between. Reads take the lock shared, so
// many readers proceed in parallel. A zero articleStore is not usable; call newArticleStore.
type articleStore struct {
	mu       sync.RWMutex
	now      func() time.Time
	nextID   int64                 // article IDs
	nextCID  int64                 // comment IDs
	articles map[string]*article   // by slug, soft-deleted ones included
	comments map[string][]*comment // by article slug
	audit    []auditEntry
	keys     *createKeys // Idempotency-Keys of creates (idempotency.go)
}

// comment is a comment on an article. Comments cascade with their article:
// hidden while it is soft-deleted, visible again after a restore.
type comment struct {
	ID        int64
	Body      string
	Author    string
	CreatedAt time.Time
}

// newArticleStore returns an empty store that reads the time from now.
func newArticleStore(now func() time.Time) *articleStore {
	return &articleStore{now: now, articles: map[string]*article{}, comments: map[string][]*comment{},
		keys: newCreateKeys(24*time.Hour, now)}
}

// Create saves a new article and returns it with its ID, version 1 and
// timestamps set. A slug held by any article, live or soft-deleted, gives
// errDuplicate: the check and the insert happen under one lock, so of many
// concurrent creates with the same slug exactly one succeeds.
func (s *articleStore) Create(actor string, a article) (article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.create(actor, a)
}

// create is Create for a caller that holds the lock.
func (s *articleStore) create(actor string, a article) (article, error) {
	if old, ok := s.articles[a.Slug]; ok {
		if old.Deleted() {
			return article{}, fmt.Errorf("%w (it is deleted: restore it or choose another title)", errDuplicate)
		}
		return article{}, errDuplicate
	}
	s.nextID++
	now := s.now().UTC()
	a = a.clone()
	a.ID, a.Version, a.CreatedAt, a.UpdatedAt, a.DeletedAt = s.nextID, 1, now, now, time.Time{}
	s.articles[a.Slug] = &a
	s.record(actor, "create", a.Slug, nil, &a)
	return a.clone(), nil
}

// Get returns the live article with this slug, errGone if it is
// soft-deleted, or errNotFound.
func (s *articleStore) Get(slug string) (article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, err := s.live(slug)
	if err != nil {
		return article{}, err
	}
	return a.clone(), nil
}

// live returns the stored article or the error explaining why it cannot be
// used. Callers hold the lock.
func (s *articleStore) live(slug string) (*article, error) {
	a, ok := s.articles[slug]
	switch {
	case !ok:
		return nil, errNotFound
	case a.Deleted():
		return nil, errGone
	}
	return a, nil
}

// precondition inspects the current article inside the update's critical
// section and returns an error to abort it (for example, a stale ETag).
type precondition func(current article) error

// Update runs check against the current article and then change on a copy
// of it. Only if both succeed is the copy stored, with Version+1 and a new
// UpdatedAt, and audited as action. Because it all happens under one lock,
// two clients that read the same version cannot both write: the second sees
// the first's new version in check and is refused.
func (s *articleStore) Update(actor, action, slug string, check precondition, change func(*article) error) (article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.live(slug)
	if err != nil {
		return article{}, err
	}
	if check != nil {
		if err := check(cur.clone()); err != nil {
			return article{}, err
		}
	}
	next := cur.clone()
	if err := change(&next); err != nil {
		return article{}, err // nothing was stored: updates are all-or-nothing
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
// restored and its slug is not reused) but reads return errGone, and its
// comments are hidden with it.
func (s *articleStore) Delete(actor, slug string, check precondition) error {
	_, err := s.Update(actor, "delete", slug, check, func(a *article) error {
		a.DeletedAt = s.now().UTC()
		return nil
	})
	return err
}

// Restore undoes a soft delete. It returns errNotFound for an unknown slug
// and errNotGone for an article that is not deleted.
func (s *articleStore) Restore(actor, slug string) (article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.articles[slug]
	if !ok {
		return article{}, errNotFound
	}
	if !cur.Deleted() {
		return article{}, errNotGone
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
func (s *articleStore) AddComment(actor, slug, body string) (comment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.live(slug); err != nil {
		return comment{}, err
	}
	s.nextCID++
	c := &comment{ID: s.nextCID, Body: body, Author: actor, CreatedAt: s.now().UTC()}
	s.comments[slug] = append(s.comments[slug], c)
	s.recordComment(actor, slug, c)
	return *c, nil
}

// Comments lists a live article's comments, oldest first. For a
// soft-deleted article it returns errGone: the delete cascades to them.
func (s *articleStore) Comments(slug string) ([]comment, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, err := s.live(slug); err != nil {
		return nil, err
	}
	out := make([]comment, 0, len(s.comments[slug]))
	for _, c := range s.comments[slug] {
		out = append(out, *c)
	}
	return out, nil
}

// listQuery selects, orders and pages articles for List.
type listQuery struct {
	Tag, Author, Search string // filters; empty means "any"
	Sort                sortKey
	Limit, Offset       int
}

// sortKey is a validated sort order such as "-createdAt".
type sortKey struct {
	Field string // one of sortFields
	Desc  bool
}

// sortFields are the fields a client may sort by. Anything else is a 400:
// silently ignoring a typo ("sort=craetedAt") would hand back a list in an
// order the client did not ask for and cannot detect.
var sortFields = map[string]func(a, b *article) int{
	"createdAt": func(a, b *article) int { return a.CreatedAt.Compare(b.CreatedAt) },
	"updatedAt": func(a, b *article) int { return a.UpdatedAt.Compare(b.UpdatedAt) },
	"title":     func(a, b *article) int { return cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) },
	"slug":      func(a, b *article) int { return cmp.Compare(a.Slug, b.Slug) },
}

// parseSort reads "field" or "-field" (descending). Empty means "-createdAt",
// newest first.
func parseSort(s string) (sortKey, error) {
	if s == "" {
		return sortKey{Field: "createdAt", Desc: true}, nil
	}
	k := sortKey{Field: strings.TrimPrefix(s, "-"), Desc: strings.HasPrefix(s, "-")}
	if _, ok := sortFields[k.Field]; !ok {
		return sortKey{}, fmt.Errorf("cannot sort by %q: use one of createdAt, updatedAt, title, slug, optionally prefixed by '-' for descending", k.Field)
	}
	return k, nil
}

// List returns one page of live articles matching q and the number that
// match in total (for the client's "page 2 of 7").
func (s *articleStore) List(q listQuery) ([]article, int) {
	s.mu.RLock()
	matched := make([]*article, 0, len(s.articles))
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
	slices.SortFunc(matched, func(a, b *article) int {
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
	out := make([]article, 0, end-start)
	for _, a := range matched[start:end] {
		out = append(out, *a)
	}
	return out, total
}
