// Package bleve is the embedded search adapter, on
// github.com/blevesearch/bleve/v2: the default when no ELASTICSEARCH_URL is
// configured, so search works with nothing installed. It keeps an inverted
// index in memory (or on disk under a path) and passes the same contract
// suite (searchtest) as the Elasticsearch adapter.
package bleve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// Index is a bleve index of articles.
type Index struct{ idx blevelib.Index }

var _ service.SearchIndex = (*Index)(nil)

// indexMapping: English-analysed text (stemmed, stop words dropped) for
// title, description and body, with term vectors for highlighting; exact
// keywords for tags and author; BM25 scoring, as Elasticsearch uses.
func indexMapping() mapping.IndexMapping {
	text := blevelib.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
	text.IncludeTermVectors = true
	exact := blevelib.NewKeywordFieldMapping()
	exact.Analyzer = keyword.Name
	doc := blevelib.NewDocumentMapping()
	doc.AddFieldMappingsAt("title", text)
	doc.AddFieldMappingsAt("description", text)
	doc.AddFieldMappingsAt("body", text)
	doc.AddFieldMappingsAt("tags", exact)
	doc.AddFieldMappingsAt("author", exact)
	doc.AddFieldMappingsAt("createdAt", blevelib.NewDateTimeFieldMapping())
	for _, skip := range []string{"id", "slug"} {
		doc.AddSubDocumentMapping(skip, blevelib.NewDocumentDisabledMapping())
	}
	m := blevelib.NewIndexMapping()
	m.DefaultMapping = doc
	m.ScoringModel = "bm25"
	return m
}

// New opens an index in memory when path is "", else creates or reopens
// one on disk at path.
func New(path string) (*Index, error) {
	if path == "" {
		idx, err := blevelib.NewMemOnly(indexMapping())
		return &Index{idx}, err
	}
	idx, err := blevelib.Open(path)
	if errors.Is(err, blevelib.ErrorIndexPathDoesNotExist) {
		idx, err = blevelib.New(path, indexMapping())
	}
	return &Index{idx}, err
}

// Close releases the index.
func (x *Index) Close() error { return x.idx.Close() }

func docID(id int64) string { return strconv.FormatInt(id, 10) }

// Index adds or replaces docs in one batch.
func (x *Index) Index(_ context.Context, docs []service.SearchDoc) error {
	b := x.idx.NewBatch()
	for _, d := range docs {
		if err := b.Index(docID(d.ID), d); err != nil {
			return err
		}
	}
	return x.idx.Batch(b)
}

// Delete removes the docs of ids.
func (x *Index) Delete(_ context.Context, ids []int64) error {
	b := x.idx.NewBatch()
	for _, id := range ids {
		b.Delete(docID(id))
	}
	return x.idx.Batch(b)
}

// searchQuery is the bool query: the text a scored disjunction over the
// three text fields (a title match counts most); tag and author exact
// filters, boosted to 0 since bleve has no filter context.
func searchQuery(q conduit.SearchQuery) query.Query {
	var must []query.Query
	if q.Text != "" {
		var any []query.Query
		for field, boost := range map[string]float64{"title": 3, "description": 2, "body": 1} {
			m := blevelib.NewMatchQuery(q.Text)
			m.SetField(field)
			m.SetBoost(boost)
			any = append(any, m)
		}
		must = append(must, blevelib.NewDisjunctionQuery(any...))
	}
	for field, v := range map[string]string{"tags": q.Tag, "author": q.Author} {
		if v != "" {
			t := blevelib.NewTermQuery(v)
			t.SetField(field)
			t.SetBoost(0)
			must = append(must, t)
		}
	}
	if len(must) == 0 {
		return blevelib.NewMatchAllQuery()
	}
	return blevelib.NewConjunctionQuery(must...)
}

// Search runs q: by score, then newest first; a tag facet of the top 10.
func (x *Index) Search(ctx context.Context, q conduit.SearchQuery) (service.SearchHits, error) {
	req := blevelib.NewSearchRequestOptions(searchQuery(q), q.Limit, q.Offset, false)
	req.SortBy([]string{"-_score", "-createdAt", "_id"})
	if q.Text != "" {
		req.Highlight = blevelib.NewHighlightWithStyle(html.Name)
		for _, f := range []string{"title", "description", "body"} {
			req.Highlight.AddField(f)
		}
	}
	req.AddFacet("tags", blevelib.NewFacetRequest("tags", 10))
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return service.SearchHits{}, fmt.Errorf("bleve: search: %w", err)
	}
	out := service.SearchHits{Total: int(res.Total), Hits: []service.SearchHit{}, Tags: []conduit.TagCount{}}
	for _, h := range res.Hits {
		id, err := strconv.ParseInt(h.ID, 10, 64)
		if err != nil {
			continue
		}
		score := h.Score
		if math.IsNaN(score) || math.IsInf(score, 0) {
			score = 0 // a filter-only query: every clause boosted to 0 scores 0/0
		}
		out.Hits = append(out.Hits, service.SearchHit{ID: id, Score: score, Highlights: h.Fragments})
	}
	if f := res.Facets["tags"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out.Tags = append(out.Tags, conduit.TagCount{Tag: t.Term, Count: t.Count})
		}
	}
	sort.Slice(out.Tags, func(i, j int) bool {
		if out.Tags[i].Count != out.Tags[j].Count {
			return out.Tags[i].Count > out.Tags[j].Count
		}
		return out.Tags[i].Tag < out.Tags[j].Tag
	})
	return out, nil
}
