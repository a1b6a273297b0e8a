package service

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"workbook/capstone/conduit"
)

// SearchDoc is what the search index keeps of an article: the text to
// match, the fields to filter and facet on. ID is the article's ID, which
// never changes (a slug does, with the title).
type SearchDoc struct {
	ID          int64     `json:"id"`
	Slug        string    `json:"slug"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Body        string    `json:"body"`
	Author      string    `json:"author"`
	Tags        []string  `json:"tags"`
	CreatedAt   time.Time `json:"createdAt"`
}

// SearchHit is one match of the index: the article's ID, its score and
// its highlighted fragments per field (matches wrapped in <mark>, the rest
// HTML-escaped).
type SearchHit struct {
	ID         int64
	Score      float64
	Highlights map[string][]string
}

// SearchHits is what the index answers: one page of hits, best first, the
// total, and the tag facet over every match.
type SearchHits struct {
	Total int
	Hits  []SearchHit
	Tags  []conduit.TagCount
}

// SearchIndex is the port of a search engine: bleve (embedded, the
// default) or Elasticsearch (ELASTICSEARCH_URL). Both pass searchtest.
type SearchIndex interface {
	Index(ctx context.Context, docs []SearchDoc) error // adds or replaces by ID
	Delete(ctx context.Context, ids []int64) error     // absent IDs are not an error
	Search(ctx context.Context, q conduit.SearchQuery) (SearchHits, error)
}

// Search runs searches. Hits come from the index; the articles themselves
// from the store, so a result never shows text the index still holds after
// an edit it has not caught up with, and a hit whose article is gone is
// dropped.
type Search struct {
	Index SearchIndex
	Store ArticleStore
}

var _ conduit.SearchService = (*Search)(nil)

// Search validates q, runs it and loads each hit's article as viewerID sees it.
func (s *Search) Search(ctx context.Context, viewerID int64, q conduit.SearchQuery) (*conduit.SearchResult, error) {
	var p []string
	if q.Limit < 0 || q.Limit > conduit.MaxSearchLimit {
		p = append(p, fmt.Sprintf("limit must be between 1 and %d", conduit.MaxSearchLimit))
	}
	if q.Offset < 0 || q.Offset > conduit.MaxSearchOffset {
		p = append(p, fmt.Sprintf("offset must be between 0 and %d", conduit.MaxSearchOffset))
	}
	if len(q.Text) > 200 {
		p = append(p, "q is too long (maximum is 200 characters)")
	}
	if len(p) > 0 {
		return nil, &conduit.Error{Code: conduit.EINVALID, Message: strings.Join(p, "; "), Details: p}
	}
	if q.Limit == 0 {
		q.Limit = conduit.DefaultLimit
	}
	res, err := s.Index.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	out := &conduit.SearchResult{Total: res.Total, Items: make([]conduit.SearchItem, 0, len(res.Hits)), Tags: res.Tags}
	for _, h := range res.Hits {
		a, err := s.Store.ArticleByID(ctx, viewerID, h.ID)
		if conduit.ErrorCode(err) == conduit.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, conduit.SearchItem{Article: *a, Score: h.Score, Highlights: h.Highlights})
	}
	return out, nil
}

// Indexer keeps a SearchIndex in step with the store, through the job
// queue: a write publishes a job naming the article's ID, and the job's
// handler loads the article as the store has it now and indexes it, or
// deletes it from the index when it is gone. A job is therefore idempotent
// and order does not matter: however often and in whatever order IDs
// arrive — a retry, a redelivery after a crash — the index ends with the
// store's last word.
type Indexer struct {
	Index  SearchIndex
	Store  ArticleStore
	Jobs   JobQueue
	Logger *slog.Logger

	dropped atomic.Int64
}

// JobIndexArticle is the kind of the indexing job; its Key is the article ID.
const JobIndexArticle = "search.index"

// Enqueue publishes the indexing job of article id. A write never fails
// because of it: a queue that refuses is logged and counted (Dropped), and
// Reindex repairs.
func (ix *Indexer) Enqueue(ctx context.Context, id int64) {
	if err := ix.Jobs.Publish(context.WithoutCancel(ctx), Job{Kind: JobIndexArticle, Key: strconv.FormatInt(id, 10)}); err != nil {
		ix.dropped.Add(1)
		if ix.Logger != nil {
			ix.Logger.ErrorContext(ctx, "search: could not queue an article for indexing", "article_id", id, "err", err)
		}
	}
}

// Dropped reports how many indexing jobs the queue refused.
func (ix *Indexer) Dropped() int64 { return ix.dropped.Load() }

// Handle is the JobHandler of JobIndexArticle.
func (ix *Indexer) Handle(ctx context.Context, j Job) error {
	id, err := strconv.ParseInt(j.Key, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: article id %q", ErrPermanent, j.Key)
	}
	return ix.apply(ctx, []int64{id})
}

// apply indexes or deletes each article of ids as the store has it now.
func (ix *Indexer) apply(ctx context.Context, ids []int64) error {
	var docs []SearchDoc
	var gone []int64
	for _, id := range ids {
		a, err := ix.Store.ArticleByID(ctx, 0, id)
		switch {
		case conduit.ErrorCode(err) == conduit.ENOTFOUND:
			gone = append(gone, id)
		case err != nil:
			return err
		default:
			docs = append(docs, DocOf(a))
		}
	}
	if len(docs) > 0 {
		if err := ix.Index.Index(ctx, docs); err != nil {
			return err
		}
	}
	if len(gone) > 0 {
		return ix.Index.Delete(ctx, gone)
	}
	return nil
}

// Reindex indexes every article of the store, newest first, in pages: at
// start (an empty embedded index) and to repair after drops.
func (ix *Indexer) Reindex(ctx context.Context, list ArticleStore) (int, error) {
	n := 0
	for offset := 0; ; offset += conduit.MaxLimit {
		as, total, err := list.ListArticles(ctx, 0, ArticleQuery{Limit: conduit.MaxLimit, Offset: offset})
		if err != nil {
			return n, err
		}
		docs := make([]SearchDoc, len(as))
		for i := range as {
			docs[i] = DocOf(&as[i])
		}
		if len(docs) > 0 {
			if err := ix.Index.Index(ctx, docs); err != nil {
				return n, err
			}
		}
		n += len(docs)
		if offset+conduit.MaxLimit >= total || len(as) == 0 {
			return n, nil
		}
	}
}

// DocOf is the search document of an article.
func DocOf(a *conduit.Article) SearchDoc {
	return SearchDoc{ID: a.ID, Slug: a.Slug, Title: a.Title, Description: a.Description, Body: a.Body,
		Author: a.Author.Username, Tags: a.TagList, CreatedAt: a.CreatedAt}
}

// IndexingStore is a Store whose article writes enqueue the article for
// the Indexer, and whose user writes enqueue the user's articles (their
// author name is in the index).
type IndexingStore struct {
	Store
	Indexer *Indexer
}

var _ Store = IndexingStore{}

func (s IndexingStore) CreateArticle(ctx context.Context, a *conduit.Article) error {
	err := s.Store.CreateArticle(ctx, a)
	if err == nil {
		s.Indexer.Enqueue(ctx, a.ID)
	}
	return err
}

func (s IndexingStore) UpdateArticle(ctx context.Context, a *conduit.Article) error {
	err := s.Store.UpdateArticle(ctx, a)
	if err == nil {
		s.Indexer.Enqueue(ctx, a.ID)
	}
	return err
}

func (s IndexingStore) DeleteArticle(ctx context.Context, id int64) error {
	err := s.Store.DeleteArticle(ctx, id)
	if err == nil {
		s.Indexer.Enqueue(ctx, id)
	}
	return err
}

// UpdateUser re-indexes the user's articles when the username changed.
func (s IndexingStore) UpdateUser(ctx context.Context, id int64, c UserChanges) (*conduit.User, error) {
	u, err := s.Store.UpdateUser(ctx, id, c)
	if err == nil && c.Username != nil {
		for offset := 0; offset <= conduit.MaxOffset; offset += conduit.MaxLimit {
			as, total, lerr := s.Store.ListArticles(ctx, 0, ArticleQuery{Author: u.Username, Limit: conduit.MaxLimit, Offset: offset})
			if lerr != nil {
				break
			}
			for _, a := range as {
				s.Indexer.Enqueue(ctx, a.ID)
			}
			if offset+conduit.MaxLimit >= total {
				break
			}
		}
	}
	return u, err
}
