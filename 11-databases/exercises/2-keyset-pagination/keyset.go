//go:build !solution

package keyset

import (
	"context"
	"errors"
)

var errNotImplemented = errors.New("not implemented: edit exercises/2-keyset-pagination/keyset.go")

// Page returns up to limit articles ordered by created_at DESC, id DESC that
// come strictly after the cursor `after` (all of them for a zero cursor), and
// the cursor of the following page — the zero Cursor when this page is the
// last. It runs one query that seeks with a row comparison, never OFFSET.
func Page(ctx context.Context, db Querier, after Cursor, limit int) (items []Article, next Cursor, err error) {
	return nil, Cursor{}, errNotImplemented
}

// EncodeCursor turns c into an opaque, URL-safe token ("" for the zero Cursor).
func EncodeCursor(c Cursor) string {
	return ""
}

// DecodeCursor parses a token made by EncodeCursor. "" decodes to the zero
// Cursor; anything else that EncodeCursor could not have made is ErrBadCursor.
func DecodeCursor(token string) (Cursor, error) {
	return Cursor{}, errNotImplemented
}
