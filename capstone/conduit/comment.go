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

// MaxCommentLen bounds a comment body; MaxCommentPage bounds one page of a
// comment list, and is the page size when none is asked for: the spec's
// list has no paging, so a client that asks for nothing gets every comment
// of all but the busiest articles, and no list costs more than this.
const (
	MaxCommentLen  = 10000
	MaxCommentPage = 500
)

// CommentPage is which comments of an article to list, oldest first.
type CommentPage struct {
	Limit  int // 0: MaxCommentPage
	Offset int
}

// Validate reports a bad limit or offset as EINVALID.
func (p CommentPage) Validate() error {
	var ps problems
	if p.Limit < 0 || p.Limit > MaxCommentPage {
		ps.add("limit must be between 1 and %d", MaxCommentPage)
	}
	if p.Offset < 0 || p.Offset > MaxOffset {
		ps.add("offset must be between 0 and %d", MaxOffset)
	}
	return ps.err()
}

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
	Comments(ctx context.Context, viewerID int64, slug string, page CommentPage) ([]Comment, error)
	DeleteComment(ctx context.Context, userID int64, slug string, id int64) error
}
