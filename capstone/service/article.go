package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"workbook/capstone/conduit"
)

// Articles implements conduit.ArticleService. Ownership is checked here, not
// in the HTTP layer, so no adapter can forget it.
type Articles struct {
	Store ArticleStore
	// Now returns the current time; nil means time.Now. Times are truncated to
	// microseconds, the precision PostgreSQL keeps, so both stores agree.
	Now func() time.Time
}

var _ conduit.ArticleService = (*Articles)(nil)

// slugAttempts bounds the retries when a slug is taken.
const slugAttempts = 5

// CreateArticle validates in and stores it under a unique slug derived from
// the title ("how-to-train-your-dragon", then "how-to-train-your-dragon-1a2b3c").
func (s *Articles) CreateArticle(ctx context.Context, authorID int64, in conduit.NewArticle) (*conduit.Article, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := s.now()
	a := &conduit.Article{
		Title: in.Title, Description: in.Description, Body: in.Body,
		TagList:   conduit.NormalizeTags(in.TagList),
		CreatedAt: now, UpdatedAt: now, AuthorID: authorID,
	}
	err := s.withUniqueSlug(a, func() error { return s.Store.CreateArticle(ctx, a) })
	if err != nil {
		return nil, err
	}
	return s.Store.ArticleBySlug(ctx, authorID, a.Slug)
}

// Article returns the article as viewerID sees it.
func (s *Articles) Article(ctx context.Context, viewerID int64, slug string) (*conduit.Article, error) {
	return s.Store.ArticleBySlug(ctx, viewerID, slug)
}

// Articles lists articles, most recent first, with the total before paging.
func (s *Articles) Articles(ctx context.Context, viewerID int64, f conduit.ArticleFilter) ([]conduit.Article, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	return s.Store.ListArticles(ctx, viewerID, ArticleQuery{
		Tag: f.Tag, Author: f.Author, FavoritedBy: f.FavoritedBy,
		Limit: limitOrDefault(f.Limit), Offset: f.Offset,
	})
}

// Feed lists articles by the authors viewerID follows, most recent first.
func (s *Articles) Feed(ctx context.Context, viewerID int64, limit, offset int) ([]conduit.Article, int, error) {
	if err := (conduit.ArticleFilter{Limit: limit, Offset: offset}).Validate(); err != nil {
		return nil, 0, err
	}
	return s.Store.ListArticles(ctx, viewerID, ArticleQuery{FollowedBy: viewerID, Limit: limitOrDefault(limit), Offset: offset})
}

// UpdateArticle changes the article if userID wrote it; a new title gives a new slug.
func (s *Articles) UpdateArticle(ctx context.Context, userID int64, slug string, in conduit.ArticleUpdate) (*conduit.Article, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	a, err := s.owned(ctx, userID, slug, "update")
	if err != nil {
		return nil, err
	}
	if in.Description != nil {
		a.Description = *in.Description
	}
	if in.Body != nil {
		a.Body = *in.Body
	}
	if in.TagList != nil {
		a.TagList = conduit.NormalizeTags(*in.TagList)
	}
	a.UpdatedAt = s.now()
	if in.Title != nil && *in.Title != a.Title {
		a.Title = *in.Title
		err = s.withUniqueSlug(a, func() error { return s.Store.UpdateArticle(ctx, a) })
	} else {
		err = s.Store.UpdateArticle(ctx, a)
	}
	if err != nil {
		return nil, err
	}
	return s.Store.ArticleBySlug(ctx, userID, a.Slug)
}

// DeleteArticle deletes the article, its comments, tags and favourites, if userID wrote it.
func (s *Articles) DeleteArticle(ctx context.Context, userID int64, slug string) error {
	a, err := s.owned(ctx, userID, slug, "delete")
	if err != nil {
		return err
	}
	return s.Store.DeleteArticle(ctx, a.ID)
}

// Favorite marks the article as a favourite of userID.
func (s *Articles) Favorite(ctx context.Context, userID int64, slug string) (*conduit.Article, error) {
	a, err := s.Store.ArticleBySlug(ctx, userID, slug)
	if err != nil {
		return nil, err
	}
	if err := s.Store.Favorite(ctx, userID, a.ID); err != nil {
		return nil, err
	}
	return s.Store.ArticleBySlug(ctx, userID, slug)
}

// Unfavorite removes the article from userID's favourites.
func (s *Articles) Unfavorite(ctx context.Context, userID int64, slug string) (*conduit.Article, error) {
	a, err := s.Store.ArticleBySlug(ctx, userID, slug)
	if err != nil {
		return nil, err
	}
	if err := s.Store.Unfavorite(ctx, userID, a.ID); err != nil {
		return nil, err
	}
	return s.Store.ArticleBySlug(ctx, userID, slug)
}

// Tags returns every tag in use, sorted.
func (s *Articles) Tags(ctx context.Context) ([]string, error) {
	return s.Store.Tags(ctx)
}

// owned returns the article if userID wrote it, else EFORBIDDEN.
func (s *Articles) owned(ctx context.Context, userID int64, slug, verb string) (*conduit.Article, error) {
	a, err := s.Store.ArticleBySlug(ctx, userID, slug)
	if err != nil {
		return nil, err
	}
	if a.AuthorID != userID {
		return nil, conduit.Errorf(conduit.EFORBIDDEN, "you may only %s your own articles", verb)
	}
	return a, nil
}

// reservedSlugs are path segments that a route under /api/articles/ already
// owns: an article with that slug could never be read.
var reservedSlugs = map[string]bool{"feed": true}

// withUniqueSlug sets a.Slug from its title and runs write, retrying with a
// random suffix while the store reports the slug as taken. A reserved slug
// counts as taken from the start.
func (s *Articles) withUniqueSlug(a *conduit.Article, write func() error) error {
	base := conduit.Slugify(a.Title)
	a.Slug = base
	if reservedSlugs[base] {
		a.Slug = base + "-" + randomSuffix()
	}
	for i := 0; ; i++ {
		err := write()
		if conduit.ErrorCode(err) != conduit.ECONFLICT || i == slugAttempts {
			return err
		}
		a.Slug = base + "-" + randomSuffix()
	}
}

func (s *Articles) now() time.Time {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return now().UTC().Truncate(time.Microsecond)
}

func limitOrDefault(limit int) int {
	if limit == 0 {
		return conduit.DefaultLimit
	}
	return limit
}

func randomSuffix() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}
