package conduit

import (
	"context"
	"time"
)

// Comment is a reply to an article; Author.Following is relative to the viewer.
type Comment struct {
	ID        int64
	ArticleID int64
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
	AuthorID  int64
	Author    Profile
}

// MaxCommentLen bounds a comment body.
const MaxCommentLen = 10000

// ValidateComment reports a blank or oversized comment body as EINVALID.
func ValidateComment(body string) error {
	var p problems
	p.text("body", body, MaxCommentLen, true)
	return p.err()
}

// CommentService manages comments. Errors: EINVALID for a bad body,
// ENOTFOUND for an unknown article or comment, EFORBIDDEN when a user deletes
// a comment that is not theirs.
type CommentService interface {
	AddComment(ctx context.Context, authorID int64, slug, body string) (*Comment, error)
	Comments(ctx context.Context, viewerID int64, slug string) ([]Comment, error)
	DeleteComment(ctx context.Context, userID int64, slug string, id int64) error
}
