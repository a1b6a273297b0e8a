// Package memory implements the publishing ports in process memory: a
// UnitOfWork that is really atomic and isolated (copy on write under one
// lock), for the server's default mode and for fast tests. It passes the
// same contract tests as the PostgreSQL adapter.
package memory

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"workbook/12-business-logic/domain"
	"workbook/12-business-logic/publishing"
)

// Store holds the committed state. The zero Store is not usable; call New.
type Store struct {
	mu        sync.Mutex
	committed state
}

type state struct {
	articles  map[string]domain.ArticleSnapshot
	outbox    []publishing.Message
	delivered map[int64]bool
	nextID    int64
}

// clone copies everything a transaction may change. Snapshots and Messages
// are values (Payload is never mutated), so a shallow copy of each suffices.
func (s state) clone() state {
	return state{articles: maps.Clone(s.articles), outbox: slices.Clone(s.outbox), delivered: maps.Clone(s.delivered), nextID: s.nextID}
}

// New returns an empty Store.
func New() *Store {
	return &Store{committed: state{articles: map[string]domain.ArticleSnapshot{}, delivered: map[int64]bool{}}}
}

var _ publishing.UnitOfWork = (*Store)(nil)

// Do runs fn on a private copy of the state and publishes the copy only if
// fn returns nil. One lock for the whole of Do makes units of work run one
// at a time: serializable by construction, fine for one process.
func (s *Store) Do(ctx context.Context, fn func(tx publishing.Repos) error) error {
	s.mu.Lock()
	defer s.mu.Unlock() // also on panic: the copy is dropped, the state untouched
	if err := ctx.Err(); err != nil {
		return err
	}
	tx := &tx{st: s.committed.clone()}
	if err := fn(tx); err != nil {
		return err
	}
	s.committed = tx.st // the commit
	return nil
}

type tx struct{ st state }

func (t *tx) Articles() publishing.ArticleRepository { return articles{t} }
func (t *tx) Outbox() publishing.Outbox              { return outbox{t} }

type articles struct{ t *tx }

func (r articles) Add(_ context.Context, a *domain.Article) error {
	snap := a.Snapshot()
	if _, ok := r.t.st.articles[snap.Slug]; ok {
		return domain.Errorf(domain.ECONFLICT, "an article with slug %q already exists", snap.Slug)
	}
	snap.Version = 1
	r.t.st.articles[snap.Slug] = snap
	return nil
}

func (r articles) Get(_ context.Context, slug domain.Slug) (*domain.Article, error) {
	snap, ok := r.t.st.articles[slug.String()]
	if !ok {
		return nil, domain.Errorf(domain.ENOTFOUND, "article %q not found", slug)
	}
	return domain.RehydrateArticle(snap)
}

func (r articles) Save(_ context.Context, a *domain.Article) error {
	snap := a.Snapshot()
	stored, ok := r.t.st.articles[snap.Slug]
	switch {
	case !ok:
		return domain.Errorf(domain.ENOTFOUND, "article %q not found", snap.Slug)
	case stored.Version != snap.Version:
		return domain.Errorf(domain.ECONFLICT, "article %q was changed by someone else; reload and try again", snap.Slug)
	}
	snap.Version++
	snap.CreatedAt = stored.CreatedAt
	r.t.st.articles[snap.Slug] = snap
	return nil
}

func (r articles) List(_ context.Context, status domain.Status, limit int) ([]*domain.Article, error) {
	var snaps []domain.ArticleSnapshot
	for _, s := range r.t.st.articles {
		if status == "" || s.Status == string(status) {
			snaps = append(snaps, s)
		}
	}
	slices.SortFunc(snaps, func(a, b domain.ArticleSnapshot) int {
		if c := b.UpdatedAt.Compare(a.UpdatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	out := make([]*domain.Article, 0, min(limit, len(snaps)))
	for _, s := range snaps[:min(limit, len(snaps))] {
		a, err := domain.RehydrateArticle(s)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func (r articles) CountByAuthor(_ context.Context, author domain.UserID, status domain.Status) (int, error) {
	n := 0
	for _, s := range r.t.st.articles {
		if s.Author == author.String() && s.Status == string(status) {
			n++
		}
	}
	return n, nil
}

type outbox struct{ t *tx }

func (o outbox) Append(_ context.Context, msgs ...publishing.Message) error {
	for _, m := range msgs {
		o.t.st.nextID++
		m.ID = o.t.st.nextID
		if m.CreatedAt.IsZero() {
			m.CreatedAt = time.Now()
		}
		o.t.st.outbox = append(o.t.st.outbox, m)
	}
	return nil
}

func (o outbox) Pending(_ context.Context, limit, maxAttempts int) ([]publishing.Message, error) {
	var out []publishing.Message
	for _, m := range o.t.st.outbox {
		if !o.t.st.delivered[m.ID] && m.Attempts < maxAttempts && len(out) < limit {
			out = append(out, m)
		}
	}
	return out, nil
}

func (o outbox) find(id int64) (*publishing.Message, error) {
	for i := range o.t.st.outbox {
		if o.t.st.outbox[i].ID == id {
			return &o.t.st.outbox[i], nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "outbox message %d not found", id)
}

func (o outbox) MarkDelivered(_ context.Context, id int64) error {
	if _, err := o.find(id); err != nil {
		return err
	}
	o.t.st.delivered[id] = true
	return nil
}

func (o outbox) MarkFailed(_ context.Context, id int64, reason string) error {
	m, err := o.find(id)
	if err != nil {
		return err
	}
	m.Attempts++
	m.LastError = reason
	return nil
}
