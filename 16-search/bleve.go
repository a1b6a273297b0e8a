package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// bleveSearcher is the embedded engine: bleve keeps an inverted index in
// memory (path "") or on disk (scorch segments under path).
type bleveSearcher struct{ idx bleve.Index }

// bleveMapping is bleve's equivalent of an Elasticsearch mapping: analysed
// English text for title and body, an unanalysed keyword for tags, a date.
// ScoringModel "bm25" switches bleve from its default TF-IDF to BM25.
func bleveMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
	text.IncludeTermVectors = true // needed for highlighting
	tag := bleve.NewKeywordFieldMapping()
	tag.Analyzer = keyword.Name
	date := bleve.NewDateTimeFieldMapping()

	doc := bleve.NewDocumentMapping()
	doc.AddFieldMappingsAt("title", text)
	doc.AddFieldMappingsAt("body", text)
	doc.AddFieldMappingsAt("tags", tag)
	doc.AddFieldMappingsAt("published", date)
	doc.AddSubDocumentMapping("id", bleve.NewDocumentDisabledMapping())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.ScoringModel = "bm25"
	return m
}

// newBleveSearcher opens an in-memory index when path is "", else creates
// (or reopens) an on-disk index at path.
func newBleveSearcher(path string) (*bleveSearcher, error) {
	if path == "" {
		idx, err := bleve.NewMemOnly(bleveMapping())
		return &bleveSearcher{idx}, err
	}
	idx, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		idx, err = bleve.New(path, bleveMapping())
	}
	return &bleveSearcher{idx}, err
}

func (b *bleveSearcher) Close() error { return b.idx.Close() }

// Index writes the articles in one batch (bleve's bulk request).
func (b *bleveSearcher) Index(ctx context.Context, articles []Article) error {
	batch := b.idx.NewBatch()
	for _, a := range articles {
		if err := batch.Index(a.ID, a); err != nil {
			return err
		}
	}
	return b.idx.Batch(batch)
}

// bleveQuery builds the bool query: the text is a scored disjunction of
// match queries (query context); tag and date are filters. bleve has no
// filter context: a filter clause still adds to the score, so filters are
// boosted to 0 to leave the ranking to the text alone.
func bleveQuery(q Query) query.Query {
	var must []query.Query
	if q.Text != "" {
		title := bleve.NewMatchQuery(q.Text)
		title.SetField("title")
		title.SetBoost(2) // a word in the title counts twice
		body := bleve.NewMatchQuery(q.Text)
		body.SetField("body")
		must = append(must, bleve.NewDisjunctionQuery(title, body))
	}
	if q.Tag != "" {
		t := bleve.NewTermQuery(q.Tag)
		t.SetField("tags")
		t.SetBoost(0)
		must = append(must, t)
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		r := bleve.NewDateRangeQuery(q.Since, q.Until)
		r.SetField("published")
		r.SetBoost(0)
		must = append(must, r)
	}
	if len(must) == 0 {
		return bleve.NewMatchAllQuery()
	}
	return bleve.NewConjunctionQuery(must...)
}

func (b *bleveSearcher) Search(ctx context.Context, q Query) (Result, error) {
	req := bleve.NewSearchRequestOptions(bleveQuery(q), q.Size, 0, false)
	req.Fields = []string{"title"}
	req.SortBy([]string{"-published", "_id"})
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField("title")
	req.Highlight.AddField("body")
	req.AddFacet("tags", bleve.NewFacetRequest("tags", 10))
	if q.After != "" {
		after, err := decodeCursor(q.After)
		if err != nil {
			return Result{}, err
		}
		var s []string
		for _, v := range after {
			str, ok := v.(string)
			if !ok {
				return Result{}, errBadCursor
			}
			s = append(s, str)
		}
		if len(s) != 2 {
			return Result{}, errBadCursor
		}
		req.SearchAfter = s
	}
	res, err := b.idx.SearchInContext(ctx, req)
	if err != nil {
		return Result{}, fmt.Errorf("bleve search: %w", err)
	}
	out := Result{Total: int(res.Total), Hits: []Hit{}, Tags: []Bucket{}}
	for _, h := range res.Hits {
		title, _ := h.Fields["title"].(string)
		out.Hits = append(out.Hits, Hit{ID: h.ID, Title: title, Score: h.Score, Highlights: h.Fragments})
	}
	if f := res.Facets["tags"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out.Tags = append(out.Tags, Bucket{Key: t.Term, Count: t.Count})
		}
	}
	sortBuckets(out.Tags)
	if n := len(res.Hits); n > 0 && n == q.Size {
		vals := make([]any, len(res.Hits[n-1].Sort))
		for i, v := range res.Hits[n-1].Sort {
			vals[i] = v
		}
		out.Next = encodeCursor(vals)
	}
	return out, nil
}

// sortBuckets orders facets by count, then key, so both engines agree on ties.
func sortBuckets(b []Bucket) {
	sort.Slice(b, func(i, j int) bool {
		if b[i].Count != b[j].Count {
			return b[i].Count > b[j].Count
		}
		return b[i].Key < b[j].Key
	})
}

// encodeCursor turns the last hit's sort values into an opaque token.
func encodeCursor(vals []any) string {
	raw, _ := json.Marshal(vals)
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string) ([]any, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, errBadCursor
	}
	var vals []any
	if err := json.Unmarshal(raw, &vals); err != nil {
		return nil, errBadCursor
	}
	return vals, nil
}
