package conduit

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is a post as a given viewer sees it: Favorited and
// Author.Following are relative to that viewer. TagList is sorted.
type Article struct {
	ID             int64
	Slug           string
	Title          string
	Description    string
	Body           string
	TagList        []string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Favorited      bool
	FavoritesCount int
	AuthorID       int64
	Author         Profile
}

// NewArticle is the input of a create.
type NewArticle struct {
	Title       string
	Description string
	Body        string
	TagList     []string
}

// ArticleUpdate is the input of an update: nil fields are left unchanged.
type ArticleUpdate struct {
	Title       *string
	Description *string
	Body        *string
	TagList     *[]string
}

// ArticleFilter selects and pages a list of articles. Zero fields do not
// filter. Limit 0 means DefaultLimit.
type ArticleFilter struct {
	Tag         string
	Author      string
	FavoritedBy string
	Limit       int
	Offset      int
}

// Limits on article fields and lists.
const (
	MaxTitleLen       = 200
	MaxDescriptionLen = 1000
	MaxBodyLen        = 64 << 10
	MaxTags           = 20
	MaxTagLen         = 64
	DefaultLimit      = 20
	MaxLimit          = 100
	// MaxOffset caps how deep offset paging goes: every skipped row is
	// still read (and, on PostgreSQL, joined per viewer), so an unbounded
	// offset is a cheap way to make the server do expensive work.
	MaxOffset = 10_000
)

// Validate reports every rule the new article breaks, as one EINVALID error.
func (a NewArticle) Validate() error {
	var p problems
	p.text("title", a.Title, MaxTitleLen, true)
	p.text("description", a.Description, MaxDescriptionLen, true)
	p.text("body", a.Body, MaxBodyLen, true)
	p.tags(a.TagList)
	return p.err()
}

// Validate reports every rule the update breaks, as one EINVALID error.
func (u ArticleUpdate) Validate() error {
	var p problems
	if u.Title == nil && u.Description == nil && u.Body == nil && u.TagList == nil {
		p.add("article must have at least one field to update")
	}
	if u.Title != nil {
		p.text("title", *u.Title, MaxTitleLen, true)
	}
	if u.Description != nil {
		p.text("description", *u.Description, MaxDescriptionLen, true)
	}
	if u.Body != nil {
		p.text("body", *u.Body, MaxBodyLen, true)
	}
	if u.TagList != nil {
		p.tags(*u.TagList)
	}
	return p.err()
}

// Validate reports a bad limit or offset as an EINVALID error.
func (f ArticleFilter) Validate() error {
	var p problems
	if f.Limit < 0 || f.Limit > MaxLimit {
		p.add("limit must be between 1 and %d", MaxLimit)
	}
	if f.Offset < 0 || f.Offset > MaxOffset {
		p.add("offset must be between 0 and %d", MaxOffset)
	}
	return p.err()
}

// NormalizeTags trims, drops empty and duplicate tags, and sorts the rest, so
// every adapter stores and returns the same list.
func NormalizeTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ArticleService manages articles, favourites and tags. viewerID 0 means an
// anonymous viewer. Errors: EINVALID for bad input, ENOTFOUND for an unknown
// slug, EFORBIDDEN when a user changes an article that is not theirs.
type ArticleService interface {
	CreateArticle(ctx context.Context, authorID int64, in NewArticle) (*Article, error)
	Article(ctx context.Context, viewerID int64, slug string) (*Article, error)
	Articles(ctx context.Context, viewerID int64, f ArticleFilter) ([]Article, int, error)
	Feed(ctx context.Context, viewerID int64, limit, offset int) ([]Article, int, error)
	UpdateArticle(ctx context.Context, userID int64, slug string, in ArticleUpdate) (*Article, error)
	DeleteArticle(ctx context.Context, userID int64, slug string) error
	Favorite(ctx context.Context, userID int64, slug string) (*Article, error)
	Unfavorite(ctx context.Context, userID int64, slug string) (*Article, error)
	Tags(ctx context.Context) ([]string, error)
}

func (p *problems) text(field, s string, max int, required bool) {
	switch {
	case required && strings.TrimSpace(s) == "":
		p.add("%s can't be blank", field)
	case utf8.RuneCountInString(s) > max:
		p.add("%s is too long (maximum is %d characters)", field, max)
	}
	p.chars(field, s, true)
}

func (p *problems) tags(tags []string) {
	if len(tags) > MaxTags {
		p.add("tagList has too many tags (maximum is %d)", MaxTags)
	}
	for _, t := range tags {
		if utf8.RuneCountInString(t) > MaxTagLen {
			p.add("tag %.20q is too long (maximum is %d characters)", t, MaxTagLen)
			return
		}
		if _, bad := forbiddenRune(t, false); bad {
			p.chars("tag", t, false)
			return
		}
	}
}

// Bounds of a search page.
const (
	MaxSearchLimit  = 50
	MaxSearchOffset = 1000
)

// SearchQuery is one search: full text over title, description and body
// (scored), exact filters on tag and author (not scored), and a page.
type SearchQuery struct {
	Text, Tag, Author string
	Limit, Offset     int
}

// TagCount is one value of the tag facet of a search.
type TagCount struct {
	Tag   string `json:"tag"`
	Count int    `json:"count"`
}

// SearchItem is one result: the article as the store has it now, with the
// engine's score and its highlighted fragments per field.
type SearchItem struct {
	Article    Article
	Score      float64
	Highlights map[string][]string
}

// SearchResult is a page of results, best first, the number of matches,
// and the tag facet over all of them.
type SearchResult struct {
	Total int
	Items []SearchItem
	Tags  []TagCount
}

// SearchService searches articles. Errors: EINVALID for a bad query.
type SearchService interface {
	Search(ctx context.Context, viewerID int64, q SearchQuery) (*SearchResult, error)
}
