//go:build solution

package keyset

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Page returns up to limit articles ordered by created_at DESC, id DESC that
// come strictly after the cursor `after` (all of them for a zero cursor), and
// the cursor of the following page — the zero Cursor when this page is the
// last. It runs one query that seeks with a row comparison, never OFFSET.
func Page(ctx context.Context, db Querier, after Cursor, limit int) (items []Article, next Cursor, err error) {
	if limit < 1 || limit > MaxLimit {
		return nil, Cursor{}, ErrBadLimit
	}
	// Ask for one row more than the page: if it comes back, there is a next page.
	var rows pgx.Rows
	if after.IsZero() {
		rows, err = db.Query(ctx, `
			SELECT id, title, created_at FROM articles
			ORDER BY created_at DESC, id DESC
			LIMIT $1`, limit+1)
	} else {
		// The row comparison (a, b) < (x, y) means a < x OR (a = x AND b < y):
		// id breaks ties between equal timestamps, so no row is skipped or
		// repeated, and the (created_at DESC, id DESC) index answers it by
		// seeking straight to the cursor instead of counting past OFFSET rows.
		rows, err = db.Query(ctx, `
			SELECT id, title, created_at FROM articles
			WHERE (created_at, id) < ($1, $2)
			ORDER BY created_at DESC, id DESC
			LIMIT $3`, after.CreatedAt, after.ID, limit+1)
	}
	if err != nil {
		return nil, Cursor{}, fmt.Errorf("keyset: query: %w", err)
	}
	items, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Article])
	if err != nil {
		return nil, Cursor{}, fmt.Errorf("keyset: rows: %w", err)
	}
	if len(items) > limit {
		items = items[:limit]
		last := items[limit-1]
		next = Cursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	return items, next, nil
}

// EncodeCursor turns c into an opaque, URL-safe token ("" for the zero Cursor).
func EncodeCursor(c Cursor) string {
	if c.IsZero() {
		return ""
	}
	raw := c.CreatedAt.UTC().Format(time.RFC3339Nano) + "|" + strconv.FormatInt(c.ID, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// DecodeCursor parses a token made by EncodeCursor. "" decodes to the zero
// Cursor; anything else that EncodeCursor could not have made is ErrBadCursor.
func DecodeCursor(token string) (Cursor, error) {
	if token == "" {
		return Cursor{}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return Cursor{}, ErrBadCursor
	}
	ts, idText, ok := strings.Cut(string(raw), "|")
	if !ok {
		return Cursor{}, ErrBadCursor
	}
	at, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return Cursor{}, ErrBadCursor
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return Cursor{}, ErrBadCursor
	}
	return Cursor{CreatedAt: at, ID: id}, nil
}
