package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esutil"
)

// esSearcher is the networked engine: an Elasticsearch index reached with
// go-elasticsearch. The request bodies are built by the pure functions
// below (esMapping, esSearchBody) and the answer decoded by
// decodeESSearch, so they are tested without a server (elastic_test.go).
type esSearcher struct {
	es    *elasticsearch.Client
	index string
}

// newESSearcher connects to url and creates index with esMapping unless
// it exists already.
func newESSearcher(ctx context.Context, url, index string) (*esSearcher, error) {
	es, err := elasticsearch.NewClient(elasticsearch.Config{Addresses: []string{url}})
	if err != nil {
		return nil, err
	}
	s := &esSearcher{es: es, index: index}
	body, _ := json.Marshal(esMapping(1, 0))
	res, err := es.Indices.Create(index, es.Indices.Create.WithBody(bytes.NewReader(body)), es.Indices.Create.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("elasticsearch: create index: %w", err)
	}
	defer res.Body.Close()
	if res.IsError() && !strings.Contains(readAll(res.Body), "resource_already_exists_exception") {
		return nil, fmt.Errorf("elasticsearch: create index %s: %s", index, res.Status())
	}
	return s, nil
}

func (s *esSearcher) Close() error { return nil }

// esMapping is the index's settings and mapping: shards split the index
// across nodes (fixed at creation), replicas copy each shard (changeable
// any time). text fields are analysed into the inverted index; keyword
// fields are stored whole for term filters and terms aggregations.
func esMapping(shards, replicas int) map[string]any {
	return map[string]any{
		"settings": map[string]any{
			"number_of_shards":   shards,
			"number_of_replicas": replicas,
		},
		"mappings": map[string]any{
			"dynamic": "strict",
			"properties": map[string]any{
				"id":        map[string]any{"type": "keyword"},
				"title":     map[string]any{"type": "text", "analyzer": "english"},
				"body":      map[string]any{"type": "text", "analyzer": "english"},
				"tags":      map[string]any{"type": "keyword"},
				"published": map[string]any{"type": "date"},
			},
		},
	}
}

// esSearchBody is the _search request for q. The text goes in `must`
// (query context: it is scored); tag and dates go in `filter` (filter
// context: yes/no, not scored, cacheable).
func esSearchBody(q Query, after []any) map[string]any {
	var must, filter []any
	if q.Text != "" {
		must = append(must, map[string]any{"multi_match": map[string]any{
			"query": q.Text, "fields": []string{"title^2", "body"},
		}})
	}
	if q.Tag != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"tags": q.Tag}})
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		r := map[string]any{}
		if !q.Since.IsZero() {
			r["gte"] = q.Since.UTC().Format(time.RFC3339)
		}
		if !q.Until.IsZero() {
			r["lt"] = q.Until.UTC().Format(time.RFC3339)
		}
		filter = append(filter, map[string]any{"range": map[string]any{"published": r}})
	}
	boolQ := map[string]any{}
	if must != nil {
		boolQ["must"] = must
	}
	if filter != nil {
		boolQ["filter"] = filter
	}
	body := map[string]any{
		"size":             q.Size,
		"track_total_hits": true,
		"query":            map[string]any{"bool": boolQ},
		"sort":             []any{map[string]any{"published": "desc"}, map[string]any{"id": "asc"}},
		"highlight": map[string]any{
			"pre_tags": []string{"<mark>"}, "post_tags": []string{"</mark>"},
			"fields": map[string]any{"title": map[string]any{}, "body": map[string]any{}},
		},
		"aggs": map[string]any{
			"tags":   map[string]any{"terms": map[string]any{"field": "tags", "size": 10}},
			"months": map[string]any{"date_histogram": map[string]any{"field": "published", "calendar_interval": "month", "format": "yyyy-MM"}},
		},
	}
	if after != nil {
		body["search_after"] = after
	}
	return body
}

// esSearchResponse is the part of the _search response we read.
type esSearchResponse struct {
	Hits struct {
		Total struct {
			Value int `json:"value"`
		} `json:"total"`
		Hits []struct {
			ID        string              `json:"_id"`
			Score     *float64            `json:"_score"`
			Source    Article             `json:"_source"`
			Highlight map[string][]string `json:"highlight"`
			Sort      []any               `json:"sort"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations map[string]struct {
		Buckets []struct {
			Key         any    `json:"key"`
			KeyAsString string `json:"key_as_string"`
			DocCount    int    `json:"doc_count"`
		} `json:"buckets"`
	} `json:"aggregations"`
}

// decodeESSearch turns a _search response into a Result; size is the
// requested page size (a full page gets a cursor).
func decodeESSearch(r io.Reader, size int) (Result, error) {
	var resp esSearchResponse
	if err := json.NewDecoder(r).Decode(&resp); err != nil {
		return Result{}, fmt.Errorf("elasticsearch: decode search response: %w", err)
	}
	out := Result{Total: resp.Hits.Total.Value, Hits: []Hit{}, Tags: []Bucket{}}
	for _, h := range resp.Hits.Hits {
		hit := Hit{ID: h.ID, Title: h.Source.Title, Highlights: h.Highlight}
		if h.Score != nil {
			hit.Score = *h.Score
		}
		out.Hits = append(out.Hits, hit)
	}
	for _, b := range resp.Aggregations["tags"].Buckets {
		out.Tags = append(out.Tags, Bucket{Key: fmt.Sprint(b.Key), Count: b.DocCount})
	}
	sortBuckets(out.Tags)
	for _, b := range resp.Aggregations["months"].Buckets {
		if b.DocCount > 0 {
			out.Months = append(out.Months, Bucket{Key: b.KeyAsString, Count: b.DocCount})
		}
	}
	if n := len(resp.Hits.Hits); n > 0 && n == size {
		out.Next = encodeCursor(resp.Hits.Hits[n-1].Sort)
	}
	return out, nil
}

// Index sends the articles through esutil.BulkIndexer (the _bulk API in
// batches) and refreshes so that they are searchable on return.
func (s *esSearcher) Index(ctx context.Context, articles []Article) error {
	var failed atomic.Int64
	bi, err := esutil.NewBulkIndexer(esutil.BulkIndexerConfig{Client: s.es, Index: s.index, NumWorkers: 1})
	if err != nil {
		return err
	}
	for _, a := range articles {
		doc, err := json.Marshal(a)
		if err != nil {
			return err
		}
		err = bi.Add(ctx, esutil.BulkIndexerItem{
			Action: "index", DocumentID: a.ID, Body: bytes.NewReader(doc),
			OnFailure: func(context.Context, esutil.BulkIndexerItem, esutil.BulkIndexerResponseItem, error) {
				failed.Add(1)
			},
		})
		if err != nil {
			return err
		}
	}
	if err := bi.Close(ctx); err != nil {
		return err
	}
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("elasticsearch: %d of %d documents failed to index", n, len(articles))
	}
	res, err := s.es.Indices.Refresh(s.es.Indices.Refresh.WithIndex(s.index), s.es.Indices.Refresh.WithContext(ctx))
	if err != nil {
		return err
	}
	res.Body.Close()
	return nil
}

func (s *esSearcher) Search(ctx context.Context, q Query) (Result, error) {
	var after []any
	if q.After != "" {
		var err error
		if after, err = decodeCursor(q.After); err != nil {
			return Result{}, err
		}
	}
	body, _ := json.Marshal(esSearchBody(q, after))
	res, err := s.es.Search(s.es.Search.WithContext(ctx), s.es.Search.WithIndex(s.index), s.es.Search.WithBody(bytes.NewReader(body)))
	if err != nil {
		return Result{}, fmt.Errorf("elasticsearch: search: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusBadRequest && q.After != "" {
		return Result{}, errBadCursor
	}
	if res.IsError() {
		return Result{}, fmt.Errorf("elasticsearch: search: %s", res.Status())
	}
	return decodeESSearch(res.Body, q.Size)
}

// clusterHealth is the part of GET _cluster/health we report.
type clusterHealth struct {
	Status           string `json:"status"` // green: all shards assigned; yellow: a replica is not; red: a primary is not
	NumberOfNodes    int    `json:"number_of_nodes"`
	ActiveShards     int    `json:"active_shards"`
	UnassignedShards int    `json:"unassigned_shards"`
}

func decodeClusterHealth(r io.Reader) (clusterHealth, error) {
	var h clusterHealth
	err := json.NewDecoder(r).Decode(&h)
	return h, err
}

func readAll(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, 1<<16))
	return string(b)
}
