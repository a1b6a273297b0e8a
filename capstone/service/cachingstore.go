package service

import (
	"context"
	"fmt"

	"workbook/capstone/conduit"
)

// Namespaces of the cache: what a cached read depends on. They are coarse on
// purpose — any article write bumps "articles", any user write bumps "users"
// — because a finer one would have to know every slug an article had and
// every list it was on; a blog reads far more than it writes.
const (
	nsArticles = "articles"
	nsUsers    = "users"
)

// CachingStore is a Store whose anonymous reads — an article, the article
// lists other than the feed, the tag list — go through Cached, and whose
// writes bump the namespaces they change. Reads with a viewer carry
// viewer-relative fields (favorited, following) and go to the Store.
type CachingStore struct {
	Store
	Cached *Cached
}

var _ Store = CachingStore{}

// ArticleBySlug reads through the cache for an anonymous viewer.
func (s CachingStore) ArticleBySlug(ctx context.Context, viewerID int64, slug string) (*conduit.Article, error) {
	if viewerID != 0 {
		return s.Store.ArticleBySlug(ctx, viewerID, slug)
	}
	return readThrough(ctx, s.Cached, "article:"+slug, []string{nsArticles, nsUsers}, func(ctx context.Context) (*conduit.Article, error) {
		return s.Store.ArticleBySlug(ctx, 0, slug)
	})
}

// articlePage is one cached page of a list.
type articlePage struct {
	Articles []conduit.Article `json:"a"`
	Total    int               `json:"n"`
}

// ListArticles reads through the cache for an anonymous viewer (the feed
// always has one).
func (s CachingStore) ListArticles(ctx context.Context, viewerID int64, q ArticleQuery) ([]conduit.Article, int, error) {
	if viewerID != 0 || q.FollowedBy != 0 {
		return s.Store.ListArticles(ctx, viewerID, q)
	}
	key := fmt.Sprintf("list:%q:%q:%q:%d:%d", q.Tag, q.Author, q.FavoritedBy, q.Limit, q.Offset)
	p, err := readThrough(ctx, s.Cached, key, []string{nsArticles, nsUsers}, func(ctx context.Context) (articlePage, error) {
		as, n, err := s.Store.ListArticles(ctx, 0, q)
		return articlePage{as, n}, err
	})
	if p.Articles == nil {
		p.Articles = []conduit.Article{}
	}
	return p.Articles, p.Total, err
}

// Tags reads through the cache.
func (s CachingStore) Tags(ctx context.Context) ([]string, error) {
	tags, err := readThrough(ctx, s.Cached, "tags", []string{nsArticles}, s.Store.Tags)
	if err == nil && tags == nil {
		tags = []string{}
	}
	return tags, err
}

// The writes: the store first, then the namespaces, so a reader that
// misses after the bump loads the new data.

func (s CachingStore) CreateArticle(ctx context.Context, a *conduit.Article) error {
	return s.bump(ctx, s.Store.CreateArticle(ctx, a), nsArticles)
}

func (s CachingStore) UpdateArticle(ctx context.Context, a *conduit.Article) error {
	return s.bump(ctx, s.Store.UpdateArticle(ctx, a), nsArticles)
}

func (s CachingStore) DeleteArticle(ctx context.Context, id int64) error {
	return s.bump(ctx, s.Store.DeleteArticle(ctx, id), nsArticles)
}

func (s CachingStore) Favorite(ctx context.Context, userID, articleID int64) error {
	return s.bump(ctx, s.Store.Favorite(ctx, userID, articleID), nsArticles)
}

func (s CachingStore) Unfavorite(ctx context.Context, userID, articleID int64) error {
	return s.bump(ctx, s.Store.Unfavorite(ctx, userID, articleID), nsArticles)
}

// CreateUser bumps "users": a profile looked up before it existed is cached
// as not found.
func (s CachingStore) CreateUser(ctx context.Context, u *conduit.User) error {
	return s.bump(ctx, s.Store.CreateUser(ctx, u), nsUsers)
}

func (s CachingStore) UpdateUser(ctx context.Context, id int64, c UserChanges) (*conduit.User, error) {
	u, err := s.Store.UpdateUser(ctx, id, c)
	return u, s.bump(ctx, err, nsUsers)
}

// bump invalidates ns after a successful write and returns the write's error.
func (s CachingStore) bump(ctx context.Context, err error, ns string) error {
	if err == nil {
		s.Cached.invalidate(context.WithoutCancel(ctx), ns)
	}
	return err
}
