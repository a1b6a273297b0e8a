// Package service holds the use cases of Conduit: the rules that decide who may
// do what, on top of storage ports declared here, where they are used. It
// knows neither HTTP nor SQL; an import test (imports_test.go) keeps it so.
package service

import (
	"context"
	"time"

	"workbook/capstone/conduit"
)

// UserStore persists users. CreateUser and UpdateUser return ECONFLICT when
// the username or email is taken; lookups return ENOTFOUND.
type UserStore interface {
	CreateUser(ctx context.Context, u *conduit.User) error // sets u.ID
	UserByID(ctx context.Context, id int64) (*conduit.User, error)
	UserByEmail(ctx context.Context, email string) (*conduit.User, error)
	UserByUsername(ctx context.Context, username string) (*conduit.User, error)
	// UpdateUser sets the non-nil fields of c on user id in one atomic
	// step and returns the user as stored, so two concurrent edits of
	// different fields both survive.
	UpdateUser(ctx context.Context, id int64, c UserChanges) (*conduit.User, error)
	// UserIDs lists user IDs above afterID, ascending, at most limit: a
	// keyset page, for jobs that visit every user (the daily digest).
	UserIDs(ctx context.Context, afterID int64, limit int) ([]int64, error)
}

// EffectStore records effects that must happen once, across retries and
// replicas: the replica that claims a scheduled run is the one that
// starts it; an email whose key is claimed has been handed to the mail
// server and is not sent again.
type EffectStore interface {
	// Claim records key and reports whether this call recorded it; false
	// means someone had already.
	Claim(ctx context.Context, key string) (bool, error)
	// Claimed reports whether key is recorded.
	Claimed(ctx context.Context, key string) (bool, error)
}

// ResetStore keeps password-reset tokens by their hash. TakeReset marks the
// token used and returns its user in one atomic step, so a token works
// once; an unknown, used or expired one is ENOTFOUND.
type ResetStore interface {
	SaveReset(ctx context.Context, tokenHash string, userID int64, expires time.Time) error
	TakeReset(ctx context.Context, tokenHash string, now time.Time) (int64, error)
}

// UserChanges lists what an update sets; nil fields stay as they are stored.
type UserChanges struct {
	Username, Email, PasswordHash, TokenGen, Bio, Image *string
}

// Apply sets the non-nil fields of c on u.
func (c UserChanges) Apply(u *conduit.User) {
	for _, f := range []struct {
		from *string
		to   *string
	}{{c.Username, &u.Username}, {c.Email, &u.Email}, {c.PasswordHash, &u.PasswordHash},
		{c.TokenGen, &u.TokenGen}, {c.Bio, &u.Bio}, {c.Image, &u.Image}} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
}

// FollowStore persists who follows whom. Follow and Unfollow are idempotent.
type FollowStore interface {
	Follow(ctx context.Context, followerID, followeeID int64) error
	Unfollow(ctx context.Context, followerID, followeeID int64) error
	IsFollowing(ctx context.Context, followerID, followeeID int64) (bool, error)
	// FollowerIDs lists the IDs of followeeID's followers above afterID,
	// ascending, at most limit of them: a keyset page, so a fan-out over
	// many followers walks them in bounded steps.
	FollowerIDs(ctx context.Context, followeeID, afterID int64, limit int) ([]int64, error)
}

// ArticleQuery is what ArticleStore.ListArticles filters on. Zero fields do
// not filter; FollowedBy selects the feed of that user.
type ArticleQuery struct {
	Tag         string
	Author      string
	FavoritedBy string
	FollowedBy  int64
	Limit       int
	Offset      int
}

// ArticleStore persists articles, their tags and favourites. Reads fill
// Favorited and Author.Following for viewerID (0: anonymous) and return
// TagList sorted in byte order, never nil. CreateArticle and
// UpdateArticle write the article and its tags atomically and return ECONFLICT
// when the slug is taken; lookups by slug return ENOTFOUND.
type ArticleStore interface {
	CreateArticle(ctx context.Context, a *conduit.Article) error // sets a.ID
	ArticleBySlug(ctx context.Context, viewerID int64, slug string) (*conduit.Article, error)
	ArticleByID(ctx context.Context, viewerID, id int64) (*conduit.Article, error)
	ListArticles(ctx context.Context, viewerID int64, q ArticleQuery) ([]conduit.Article, int, error)
	UpdateArticle(ctx context.Context, a *conduit.Article) error
	DeleteArticle(ctx context.Context, id int64) error
	Favorite(ctx context.Context, userID, articleID int64) error   // idempotent
	Unfavorite(ctx context.Context, userID, articleID int64) error // idempotent
	Tags(ctx context.Context) ([]string, error)
}

// CommentStore persists comments. Lookups return ENOTFOUND.
type CommentStore interface {
	CreateComment(ctx context.Context, c *conduit.Comment) error // sets c.ID
	CommentByID(ctx context.Context, id int64) (*conduit.Comment, error)
	CommentsByArticle(ctx context.Context, viewerID, articleID int64, limit, offset int) ([]conduit.Comment, error)
	DeleteComment(ctx context.Context, id int64) error
}

// Store is everything an adapter (memory, postgres) provides.
type Store interface {
	UserStore
	ResetStore
	EffectStore
	FollowStore
	ArticleStore
	CommentStore
}
