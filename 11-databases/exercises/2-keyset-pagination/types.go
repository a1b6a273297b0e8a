// Package keyset is exercise 3 of chapter 11: paginate the article feed by
// "seek" (keyset) instead of OFFSET, so pages stay stable while rows arrive.
package keyset

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// Article is one row of the feed.
type Article struct {
	ID        int64
	Title     string
	CreatedAt time.Time
}

// Cursor is the position after which the next page starts: the sort key of
// the last row of the previous page. Its zero value means "from the newest".
type Cursor struct {
	CreatedAt time.Time
	ID        int64
}

// IsZero reports whether c is the start of the feed.
func (c Cursor) IsZero() bool { return c.ID == 0 && c.CreatedAt.IsZero() }

// MaxLimit is the largest page Page accepts.
const MaxLimit = 100

var (
	// ErrBadLimit is returned for a limit outside 1..MaxLimit.
	ErrBadLimit = errors.New("keyset: limit must be between 1 and 100")
	// ErrBadCursor is returned by DecodeCursor for a token it did not make.
	ErrBadCursor = errors.New("keyset: malformed cursor")
)

// Querier is what Page needs; *pgxpool.Pool, *pgx.Conn and pgx.Tx satisfy it.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}
