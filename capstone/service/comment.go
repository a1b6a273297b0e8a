package service

import (
	"context"
	"time"

	"workbook/capstone/conduit"
)

// Comments implements conduit.CommentService.
type Comments struct {
	Store    CommentStore
	Articles ArticleStore
	Now      func() time.Time
}

var _ conduit.CommentService = (*Comments)(nil)

// AddComment adds a comment by authorID to the article.
func (s *Comments) AddComment(ctx context.Context, authorID int64, slug, body string) (*conduit.Comment, error) {
	if err := conduit.ValidateComment(body); err != nil {
		return nil, err
	}
	a, err := s.Articles.ArticleBySlug(ctx, authorID, slug)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	t := now().UTC().Truncate(time.Microsecond)
	c := &conduit.Comment{ArticleID: a.ID, Body: body, CreatedAt: t, UpdatedAt: t, AuthorID: authorID}
	if err := s.Store.CreateComment(ctx, c); err != nil {
		return nil, err
	}
	return s.Store.CommentByID(ctx, c.ID)
}

// Comments lists the article's comments, oldest first, as viewerID sees them.
func (s *Comments) Comments(ctx context.Context, viewerID int64, slug string, page conduit.CommentPage) ([]conduit.Comment, error) {
	if err := page.Validate(); err != nil {
		return nil, err
	}
	if page.Limit == 0 {
		page.Limit = conduit.MaxCommentPage
	}
	a, err := s.Articles.ArticleBySlug(ctx, viewerID, slug)
	if err != nil {
		return nil, err
	}
	return s.Store.CommentsByArticle(ctx, viewerID, a.ID, page.Limit, page.Offset)
}

// DeleteComment deletes comment id of the article if userID wrote it.
func (s *Comments) DeleteComment(ctx context.Context, userID int64, slug string, id int64) error {
	a, err := s.Articles.ArticleBySlug(ctx, userID, slug)
	if err != nil {
		return err
	}
	c, err := s.Store.CommentByID(ctx, id)
	if err != nil {
		return err
	}
	if c.ArticleID != a.ID {
		return conduit.Errorf(conduit.ENOTFOUND, "comment %d not found on this article", id)
	}
	if c.AuthorID != userID {
		return conduit.Errorf(conduit.EFORBIDDEN, "you may only delete your own comments")
	}
	return s.Store.DeleteComment(ctx, id)
}
