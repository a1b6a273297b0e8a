package service

import (
	"context"
	"log/slog"
	"strings"
	"sync"
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

// Max bounds of a search page.
const (
	MaxSearchLimit  = 50
	MaxSearchOffset = 1000
)

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
	if q.Limit < 0 || q.Limit > MaxSearchLimit {
		p = append(p, "limit must be between 1 and 50")
	}
	if q.Offset < 0 || q.Offset > MaxSearchOffset {
		p = append(p, "offset must be between 0 and 1000")
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

// Indexer keeps a SearchIndex in step with the store, asynchronously: a
// write enqueues the article's ID, and a worker loads the article as it is
// now and indexes it, or deletes it from the index when it is gone. A job is
// therefore idempotent and order does not matter: however often and in
// whatever order IDs arrive, the index ends with the store's last word.
// A full queue drops the ID and counts it (Dropped), and Reindex repairs.
type Indexer struct {
	Index  SearchIndex
	Store  ArticleStore
	Logger *slog.Logger

	once    sync.Once
	queue   chan int64
	idle    *sync.Cond
	mu      sync.Mutex
	pending int
	dropped int
}

func (ix *Indexer) init() {
	ix.once.Do(func() {
		ix.queue = make(chan int64, 10_000)
		ix.idle = sync.NewCond(&ix.mu)
		if ix.Logger == nil {
			ix.Logger = slog.New(slog.DiscardHandler)
		}
	})
}

// Enqueue asks for article id to be (re)indexed; it never blocks a write.
func (ix *Indexer) Enqueue(id int64) {
	ix.init()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	select {
	case ix.queue <- id:
		ix.pending++
	default:
		ix.dropped++
	}
}

// Run indexes queued articles until ctx is done, in batches of what is
// waiting (at most 100).
func (ix *Indexer) Run(ctx context.Context) {
	ix.init()
	for {
		var batch []int64
		select {
		case <-ctx.Done():
			return
		case id := <-ix.queue:
			batch = append(batch, id)
		}
	fill:
		for len(batch) < 100 {
			select {
			case id := <-ix.queue:
				batch = append(batch, id)
			default:
				break fill
			}
		}
		if err := ix.apply(context.WithoutCancel(ctx), batch); err != nil {
			ix.Logger.Error("search indexing failed; the articles are indexed again on their next change or by a reindex", "articles", len(batch), "err", err)
		}
		ix.mu.Lock()
		ix.pending -= len(batch)
		if ix.pending == 0 {
			ix.idle.Broadcast()
		}
		ix.mu.Unlock()
	}
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

// Wait blocks until every enqueued ID has been applied (tests, shutdown).
func (ix *Indexer) Wait() {
	ix.init()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for ix.pending > 0 {
		ix.idle.Wait()
	}
}

// Dropped reports how many IDs a full queue refused.
func (ix *Indexer) Dropped() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.dropped
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
		s.Indexer.Enqueue(a.ID)
	}
	return err
}

func (s IndexingStore) UpdateArticle(ctx context.Context, a *conduit.Article) error {
	err := s.Store.UpdateArticle(ctx, a)
	if err == nil {
		s.Indexer.Enqueue(a.ID)
	}
	return err
}

func (s IndexingStore) DeleteArticle(ctx context.Context, id int64) error {
	err := s.Store.DeleteArticle(ctx, id)
	if err == nil {
		s.Indexer.Enqueue(id)
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
				s.Indexer.Enqueue(a.ID)
			}
			if offset+conduit.MaxLimit >= total {
				break
			}
		}
	}
	return u, err
}
