// Package article is the domain the 08-handlers server exposes over HTTP:
// articles, the service that manages them, and the errors it returns. It
// knows nothing of HTTP; the controller in package main translates.
package article

import (
	"context"
	"time"
)

// Article is a published piece of writing.
type Article struct {
	Slug        string
	Title       string
	Description string
	Body        string
	Author      string
	CreatedAt   time.Time
}

// NewArticle is what a caller supplies to create an article.
type NewArticle struct {
	Title       string
	Description string
	Body        string
	Author      string
}

// ListFilter narrows List. The zero value lists the newest articles.
type ListFilter struct {
	Author string // only this author's articles when non-empty
	Limit  int    // at most this many; 0 means the service default
}

// Service is everything the HTTP layer may ask of articles. The controller
// depends on this interface, not on an implementation, so tests can hand it a
// fake or a mock and production can hand it the real store.
//
// Errors are *Error values with a Code (ENOTFOUND, EINVALID, ECONFLICT,
// EFORBIDDEN); anything else is an internal failure.
type Service interface {
	// Get returns the article with slug, or ENOTFOUND.
	Get(ctx context.Context, slug string) (Article, error)
	// List returns articles newest first, filtered by f.
	List(ctx context.Context, f ListFilter) ([]Article, error)
	// Create stores a new article and returns it with its slug; EINVALID when
	// a field breaks a rule, ECONFLICT when the title's slug is taken.
	Create(ctx context.Context, in NewArticle) (Article, error)
	// Delete removes the article with slug on behalf of user; ENOTFOUND when
	// there is none, EFORBIDDEN when user is not its author.
	Delete(ctx context.Context, slug, user string) error
}
