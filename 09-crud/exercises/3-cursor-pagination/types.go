// Package cursor pages through articles with opaque, tamper-evident
// cursors: keyset pagination whose position travels as a signed token.
package cursor

import (
	"errors"
	"time"
)

// Article is the part of an article that orders it: newest first
// (CreatedAt descending), ties broken by Slug ascending.
type Article struct {
	Slug      string
	CreatedAt time.Time
}

// MaxLimit is the largest page a client may ask for.
const MaxLimit = 100

var (
	// ErrInvalidCursor: the cursor was not issued by this Pager (malformed,
	// tampered with, or signed with another secret). HTTP 400.
	ErrInvalidCursor = errors.New("cursor: invalid cursor")
	// ErrBadLimit: limit is outside 1..MaxLimit. HTTP 400.
	ErrBadLimit = errors.New("cursor: limit out of range")
)

// Pager issues and checks cursors signed with Secret.
type Pager struct {
	Secret []byte
}
