// Package bm25index is exercise 1: an inverted index with BM25 scoring.
package bm25index

// Scored is one search result.
type Scored struct {
	ID    string
	Score float64
}

// BM25 parameters (the values Lucene, Elasticsearch and bleve use).
const (
	K1 = 1.2
	B  = 0.75
)
