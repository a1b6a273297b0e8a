package main

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Article is an article as the API shows it: its tags are loaded with it.
type Article struct {
	ID        int64
	Slug      string
	Title     string
	Body      string
	Author    string
	Tags      []string
	CreatedAt time.Time
}

// Comment is one comment on an article.
type Comment struct {
	ID        int64
	Author    string
	Body      string
	CreatedAt time.Time
}

// User is an account.
type User struct {
	ID       int64
	Username string
	Email    string
}

// NewArticle is what CreateArticle needs; it is validated before any SQL runs.
type NewArticle struct {
	Author string
	Title  string
	Body   string
	Tags   []string
}

// Cursor is the position in the feed after which the next page starts:
// the (created_at, id) of the last article shown. Zero means "newest first".
type Cursor struct {
	CreatedAt time.Time
	ID        int64
}

// IsZero reports whether c is the start of the feed.
func (c Cursor) IsZero() bool { return c.ID == 0 && c.CreatedAt.IsZero() }

// ListQuery selects one page of the feed.
type ListQuery struct {
	Tag   string // only articles with this tag; "" for all
	After Cursor
	Limit int
}

// Errors the store returns, wrapped with details; the HTTP layer maps each
// to a status in exactly one place (errors.go).
var (
	ErrInvalid       = errors.New("invalid input")
	ErrNotFound      = errors.New("not found")
	ErrAlreadyExists = errors.New("already exists")
	ErrUnknownAuthor = errors.New("unknown author")
)

// Store is everything the HTTP handlers need from the database. The server
// uses pgStore; handler tests that need no database use a fake.
type Store interface {
	CreateUser(ctx context.Context, username, email string) (User, error)
	CreateArticle(ctx context.Context, a NewArticle) (Article, error)
	ListArticles(ctx context.Context, q ListQuery) ([]Article, Cursor, error)
	GetArticle(ctx context.Context, slug string) (Article, []Comment, error)
	AddComment(ctx context.Context, slug, author, body string) (Comment, error)
	Explain(ctx context.Context, name string, analyze bool) (json.RawMessage, error)
	Stats() PoolStats
}

// PoolStats is a snapshot of the connection pool, for /pool.
type PoolStats struct {
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
