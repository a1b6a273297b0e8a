// Package afterevents is exercise 4 of chapter 12: domain events recorded by
// aggregates during a use case, dispatched only once the unit of work has
// committed — never for a change that rolled back.
package afterevents

import (
	"context"
	"errors"
	"fmt"
)

// Event is something that happened to an article.
type Event struct {
	Name string // e.g. "article.published"
	Slug string
}

// Article is an aggregate that records an event for each change.
type Article struct {
	Slug   string
	Status string
	events []Event
}

// ErrNotInReview is returned by Approve for an article not in review.
var ErrNotInReview = errors.New("article is not in review")

// Approve publishes an article in review and records article.published.
func (a *Article) Approve() error {
	if a.Status != "review" {
		return fmt.Errorf("%s is %s: %w", a.Slug, a.Status, ErrNotInReview)
	}
	a.Status = "published"
	a.events = append(a.events, Event{Name: "article.published", Slug: a.Slug})
	return nil
}

// PullEvents returns the events recorded so far and forgets them.
func (a *Article) PullEvents() []Event {
	out := a.events
	a.events = nil
	return out
}

// Tx is what a use case sees inside a unit of work.
type Tx interface {
	Get(slug string) (*Article, error)
	Save(a *Article) error
}

// UnitOfWork runs fn atomically. It may run fn more than once (a retried
// conflict): only the last run's work is committed.
type UnitOfWork interface {
	Do(ctx context.Context, fn func(tx Tx) error) error
}

// Dispatcher delivers events to whoever listens (emails, search index…).
type Dispatcher interface {
	Dispatch(ctx context.Context, events []Event)
}

// Service runs use cases; Run (yours) is the boundary they all go through.
type Service struct {
	UoW    UnitOfWork
	Events Dispatcher
}

// Approve approves one article.
func (s *Service) Approve(ctx context.Context, slug string) error {
	return s.Run(ctx, func(tx Tx, track func(*Article)) error {
		a, err := tx.Get(slug)
		if err != nil {
			return err
		}
		track(a)
		if err := a.Approve(); err != nil {
			return err
		}
		return tx.Save(a)
	})
}

// ApproveAll approves several articles as one unit.
func (s *Service) ApproveAll(ctx context.Context, slugs ...string) error {
	return s.Run(ctx, func(tx Tx, track func(*Article)) error {
		for _, slug := range slugs {
			a, err := tx.Get(slug)
			if err != nil {
				return err
			}
			track(a)
			if err := a.Approve(); err != nil {
				return err
			}
			if err := tx.Save(a); err != nil {
				return err
			}
		}
		return nil
	})
}
