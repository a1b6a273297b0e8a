// Package commenthandler is exercise 3 of chapter 08: one handler that walks
// the whole processing flow — extract, validate, call the service, map
// errors, format the response.
package commenthandler

import (
	"context"
	"errors"
	"time"
)

// Comment is a comment on an article.
type Comment struct {
	ID        int64
	Body      string
	Author    string
	CreatedAt time.Time
}

// CommentService adds comments to articles.
type CommentService interface {
	// AddComment stores body as author's comment on the article with slug.
	// It returns ErrArticleNotFound when there is no such article.
	AddComment(ctx context.Context, slug, author, body string) (Comment, error)
}

// ErrArticleNotFound is returned by CommentService when the article does not exist.
var ErrArticleNotFound = errors.New("article not found")

// MaxBodyLen is the longest comment body accepted, in characters (runes).
const MaxBodyLen = 1000
