package main

import (
	"context"
	"errors"
	"time"
)

// Article is the document both engines index.
type Article struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Tags      []string  `json:"tags"`
	Published time.Time `json:"published"`
}

// Query is one search: full text (scored, query context) plus exact filters
// (not scored, filter context). Zero fields do not filter.
type Query struct {
	Text  string    // matched against title and body, scored
	Tag   string    // exact tag, a filter
	Since time.Time // published >= Since, a filter
	Until time.Time // published < Until, a filter
	Size  int       // page size
	After string    // opaque cursor from the previous page's Next
}

// Hit is one matching article with its score and highlighted fragments.
type Hit struct {
	ID         string              `json:"id"`
	Title      string              `json:"title"`
	Score      float64             `json:"score"`
	Highlights map[string][]string `json:"highlights,omitempty"`
}

// Bucket is one facet value and how many matching articles carry it.
type Bucket struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// Result is one page of hits, the facets over every match, and the cursor
// for the next page ("" when this page is the last).
type Result struct {
	Total  int      `json:"total"`
	Hits   []Hit    `json:"hits"`
	Tags   []Bucket `json:"tags"`
	Months []Bucket `json:"months,omitempty"`
	Next   string   `json:"next,omitempty"`
}

// Searcher is what the HTTP layer needs from a search engine. Both adapters
// (bleveSearcher, esSearcher) pass the same contract tests (contract_test.go).
type Searcher interface {
	// Index adds or replaces articles; they are searchable when it returns.
	Index(ctx context.Context, articles []Article) error
	// Search runs q. Hits are sorted newest first, then by ID, so that a
	// cursor (search_after) pages through them without gaps or repeats.
	Search(ctx context.Context, q Query) (Result, error)
	// Close releases the engine.
	Close() error
}

// errBadCursor is returned by Search for an After the engine did not issue.
var errBadCursor = errors.New("search: malformed cursor")
