package main

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Article is an article as the API shows it: its tags are loaded with it.
type article struct {
	ID        int64
	Slug      string
	Title     string
	Body      string
	Author    string
	Tags      []string
	CreatedAt time.Time
}

// Comment is one comment on an article.
type comment struct {
	ID        int64
	Author    string
	Body      string
	CreatedAt time.Time
}

// User is an account.
type user struct {
	ID       int64
	Username string
	Email    string
}

// NewArticle is what CreateArticle needs; it is validated before any SQL runs.
type articleInput struct {
	Author string
	Title  string
	Body   string
	Tags   []string
}

// Cursor is the position in the feed after which the next page starts:
// the (created_at, id) of the last article shown. Zero means "newest first".
type cursor struct {
	CreatedAt time.Time
	ID        int64
}

// IsZero reports whether c is the start of the feed.
func (c cursor) IsZero() bool { return c.ID == 0 && c.CreatedAt.IsZero() }

// ListQuery selects one page of the feed.
type listQuery struct {
	Tag   string // only articles with this tag; "" for all
	After cursor
	Limit int
}

// Errors the handlers and the store return, wrapped with a detail for the
// client; writeError (respond.go) maps each to a status in exactly one
// place. A *validationError is the 422 of invalid fields, a
// *constraintError a row the schema refused.
var (
	errInvalid          = errors.New("invalid input") // 400: malformed query or body
	errTooLarge         = errors.New("too large")     // 413
	errUnsupportedMedia = errors.New("unsupported media type")
	errNotFound         = errors.New("not found")
	errAlreadyExists    = errors.New("already exists")
)

// storage is everything the HTTP handlers need from the database. The server
// uses pgStore; handler tests that need no database use a fake.
type storage interface {
	CreateUser(ctx context.Context, username, email string) (user, error)
	CreateArticle(ctx context.Context, a articleInput) (article, error)
	ListArticles(ctx context.Context, q listQuery) ([]article, cursor, error)
	GetArticle(ctx context.Context, slug string) (article, []comment, error)
	AddComment(ctx context.Context, slug, author, body string) (comment, error)
	Explain(ctx context.Context, name string, analyze bool) (json.RawMessage, error)
	Stats() poolStats
}

// PoolStats is a snapshot of the connection pool, for /pool.
type poolStats struct {
	MaxConns          int32   `json:"max_conns"`
	TotalConns        int32   `json:"total_conns"`
	IdleConns         int32   `json:"idle_conns"`
	AcquiredConns     int32   `json:"acquired_conns"`
	AcquireCount      int64   `json:"acquire_count"`
	EmptyAcquireCount int64   `json:"empty_acquire_count"`
	AcquireWaitMillis float64 `json:"acquire_wait_ms"`
	NewConnsCount     int64   `json:"new_conns_count"`
	TxRetries         int64   `json:"tx_retries"`
}
