// Package publishing is the application layer: the use cases of the
// publishing workflow (draft, revise, submit, approve, reject, archive),
// each run inside one unit of work, and the outbox relay that tells the
// outside world what happened once — and only once — it has committed.
//
// Like domain, it knows nothing of HTTP or SQL. It defines the ports it
// needs (UnitOfWork, Repos, ArticleRepository, Outbox) and adapters —
// memory, postgres — implement them.
package publishing

import (
	"context"
	"time"

	"workbook/12-business-logic/domain"
)

// UnitOfWork runs fn as one atomic unit: if fn returns nil, everything it
// did through tx commits together; if fn returns an error (or panics),
// nothing it did is kept and Do returns that error. If the commit itself
// fails, Do returns that error and nothing is kept either.
//
// An implementation may run fn more than once (to retry a serialization
// conflict), so fn must have no effects outside tx.
type UnitOfWork interface {
	Do(ctx context.Context, fn func(tx Repos) error) error
}

// Repos are the repositories bound to one unit of work.
type Repos interface {
	Articles() ArticleRepository
	Outbox() Outbox
}

// ArticleRepository stores Article aggregates.
type ArticleRepository interface {
	// Add stores a new article; ECONFLICT if its slug is taken.
	Add(ctx context.Context, a *domain.Article) error
	// Get loads an article; ENOTFOUND if there is none with that slug.
	Get(ctx context.Context, slug domain.Slug) (*domain.Article, error)
	// Save stores a changed article whose Version is the one it was loaded
	// with, and bumps the stored version. ECONFLICT when someone else saved
	// it in between (optimistic locking), ENOTFOUND when it is gone.
	Save(ctx context.Context, a *domain.Article) error
	// List returns up to limit articles, most recently updated first (then
	// by slug); status "" means every status.
	List(ctx context.Context, status domain.Status, limit int) ([]*domain.Article, error)
	// CountByAuthor counts author's articles in status.
	CountByAuthor(ctx context.Context, author domain.UserID, status domain.Status) (int, error)
}

// Outbox stores messages to deliver after commit, in the same transaction
// as the change that caused them (the transactional outbox pattern).
type Outbox interface {
	// Append adds one message per event, in order.
	Append(ctx context.Context, msgs ...Message) error
	// Pending returns up to limit undelivered messages that have failed
	// fewer than maxAttempts times, oldest first.
	Pending(ctx context.Context, limit, maxAttempts int) ([]Message, error)
	// MarkDelivered records that message id was delivered.
	MarkDelivered(ctx context.Context, id int64) error
	// MarkFailed counts a failed delivery of message id and keeps why.
	MarkFailed(ctx context.Context, id int64, reason string) error
}

// Message is one event in the outbox. ID is assigned by the Outbox on
// Append and is the idempotency key receivers use to drop duplicates.
type Message struct {
	ID        int64
	Event     string // domain.Event.EventName()
	Article   string
	Payload   []byte // JSON, from encodeEvent
	Attempts  int
	LastError string
	CreatedAt time.Time
}
