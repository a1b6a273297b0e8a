//go:build solution

package unitofwork

import (
	"context"
	"fmt"
	"maps"
)

// Do runs fn on a private working copy of the articles (a *txRepo) and makes
// the copy the committed state only if fn returns nil. An error from fn is
// returned as is and nothing is kept; a panic in fn keeps nothing, leaves the
// Store usable, and continues up the stack. A ctx already done returns its
// error without calling fn. Units of work run one at a time.
func (s *Store) Do(ctx context.Context, fn func(tx Repo) error) error {
	s.mu.Lock()
	// Deferred, so a panic in fn still releases the lock; the working copy
	// is simply dropped, which is the rollback.
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	tx := &txRepo{articles: maps.Clone(s.articles)}
	if err := fn(tx); err != nil {
		return err
	}
	s.articles = tx.articles // commit: one assignment, all or nothing
	return nil
}

// PublishSeries publishes every article in slugs in one unit of work: all of
// them, or — if any is missing (ErrNotFound) or not in review
// (ErrNotInReview), including a slug listed twice — none. The error says
// which slug failed and wraps the sentinel. No slugs is ErrEmptySeries.
func PublishSeries(ctx context.Context, uow UnitOfWork, slugs []string) error {
	if len(slugs) == 0 {
		return ErrEmptySeries
	}
	return uow.Do(ctx, func(tx Repo) error {
		for _, slug := range slugs {
			a, err := tx.Get(slug)
			if err != nil {
				return fmt.Errorf("publish series: %s: %w", slug, err)
			}
			if a.Status != "review" {
				return fmt.Errorf("publish series: %s is %s: %w", slug, a.Status, ErrNotInReview)
			}
			a.Status = "published"
			tx.Put(a)
		}
		return nil
	})
}
