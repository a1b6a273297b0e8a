// Package elasticsearch is the networked search adapter, on
// github.com/elastic/go-elasticsearch/v8: chosen when ELASTICSEARCH_URL is
// set. It passes the same contract suite (searchtest) as the embedded bleve
// adapter where a cluster answers (WORKBOOK_ELASTICSEARCH_URL, or Docker);
// elsewhere its request bodies and answer decoding are unit-tested alone.
package elasticsearch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	es "github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esapi"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// Index is an Elasticsearch index of articles.
type Index struct {
	client *es.Client
	name   string
}

var _ service.SearchIndex = (*Index)(nil)

// Open connects to url and creates the index name with Mapping unless it
// exists already.
func Open(ctx context.Context, url, name string) (*Index, error) {
	c, err := es.NewClient(es.Config{Addresses: []string{url}})
	if err != nil {
		return nil, err
	}
	body, _ := json.Marshal(Mapping())
	res, err := c.Indices.Create(name, c.Indices.Create.WithBody(bytes.NewReader(body)), c.Indices.Create.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("elasticsearch: create index: %w", err)
	}
	defer res.Body.Close()
	if res.IsError() && !strings.Contains(readAll(res.Body), "resource_already_exists_exception") {
		return nil, fmt.Errorf("elasticsearch: create index %s: %s", name, res.Status())
	}
	return &Index{client: c, name: name}, nil
}

// Mapping is the index's mapping: English-analysed text for title,
// description and body; keywords (exact, aggregatable) for tags and author;
// a date; strict, so a misspelt field is an error instead of a new field.
func Mapping() map[string]any {
	text := map[string]any{"type": "text", "analyzer": "english"}
	kw := map[string]any{"type": "keyword"}
	return map[string]any{"mappings": map[string]any{
		"dynamic": "strict",
		"properties": map[string]any{
			"id": map[string]any{"type": "long"}, "slug": kw,
			"title": text, "description": text, "body": text,
			"author": kw, "tags": kw, "createdAt": map[string]any{"type": "date"},
		},
	}}
}

// SearchBody is the _search request for q: the text in `must` (scored),
// tag and author in `filter` (yes/no, not scored, cacheable); sorted by
// score, then newest; highlights with the html encoder, so the article's
// own markup comes back escaped; a terms aggregation for the tag facet.
func SearchBody(q conduit.SearchQuery) map[string]any {
	var must, filter []any
	if q.Text != "" {
		must = append(must, map[string]any{"multi_match": map[string]any{
			"query": q.Text, "fields": []string{"title^3", "description^2", "body"},
		}})
	}
	if q.Tag != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"tags": q.Tag}})
	}
	if q.Author != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"author": q.Author}})
	}
	boolQ := map[string]any{}
	if must != nil {
		boolQ["must"] = must
	}
	if filter != nil {
		boolQ["filter"] = filter
	}
	return map[string]any{
		"from": q.Offset, "size": q.Limit, "track_total_hits": true,
		"query": map[string]any{"bool": boolQ},
		"sort":  []any{"_score", map[string]any{"createdAt": "desc"}, map[string]any{"id": "asc"}},
		"highlight": map[string]any{
			"encoder": "html", "pre_tags": []string{"<mark>"}, "post_tags": []string{"</mark>"},
			"fields": map[string]any{"title": map[string]any{}, "description": map[string]any{}, "body": map[string]any{}},
		},
		"aggs": map[string]any{"tags": map[string]any{"terms": map[string]any{"field": "tags", "size": 10}}},
	}
}

// searchResponse is the part of a _search answer the adapter reads.
type searchResponse struct {
	Hits struct {
		Total struct {
			Value int `json:"value"`
		} `json:"total"`
		Hits []struct {
			ID        string              `json:"_id"`
			Score     *float64            `json:"_score"`
			Highlight map[string][]string `json:"highlight"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations struct {
		Tags struct {
			Buckets []struct {
				Key      string `json:"key"`
				DocCount int    `json:"doc_count"`
			} `json:"buckets"`
		} `json:"tags"`
	} `json:"aggregations"`
}

// DecodeSearch turns a _search answer into a SearchResult.
func DecodeSearch(r io.Reader) (service.SearchHits, error) {
	var sr searchResponse
	if err := json.NewDecoder(r).Decode(&sr); err != nil {
		return service.SearchHits{}, fmt.Errorf("elasticsearch: decode search: %w", err)
	}
	out := service.SearchHits{Total: sr.Hits.Total.Value, Hits: []service.SearchHit{}, Tags: []conduit.TagCount{}}
	for _, h := range sr.Hits.Hits {
		id, err := strconv.ParseInt(h.ID, 10, 64)
		if err != nil {
			return service.SearchHits{}, fmt.Errorf("elasticsearch: hit id %q is not an article id", h.ID)
		}
		hit := service.SearchHit{ID: id, Highlights: h.Highlight}
		if h.Score != nil {
			hit.Score = *h.Score
		}
		out.Hits = append(out.Hits, hit)
	}
	for _, b := range sr.Aggregations.Tags.Buckets {
		out.Tags = append(out.Tags, conduit.TagCount{Tag: b.Key, Count: b.DocCount})
	}
	return out, nil
}

// Index writes docs with one _bulk request; refresh=false: they become
// searchable within the index's refresh interval (1 s by default).
func (x *Index) Index(ctx context.Context, docs []service.SearchDoc) error {
	var buf bytes.Buffer
	for _, d := range docs {
		fmt.Fprintf(&buf, `{"index":{"_id":"%d"}}`+"\n", d.ID)
		if d.Tags == nil {
			d.Tags = []string{}
		}
		if err := json.NewEncoder(&buf).Encode(d); err != nil {
			return err
		}
	}
	return x.bulk(ctx, &buf)
}

// Delete removes docs with one _bulk request.
func (x *Index) Delete(ctx context.Context, ids []int64) error {
	var buf bytes.Buffer
	for _, id := range ids {
		fmt.Fprintf(&buf, `{"delete":{"_id":"%d"}}`+"\n", id)
	}
	return x.bulk(ctx, &buf)
}

func (x *Index) bulk(ctx context.Context, body io.Reader) error {
	res, err := x.client.Bulk(body, x.client.Bulk.WithIndex(x.name), x.client.Bulk.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("elasticsearch: bulk: %w", err)
	}
	defer res.Body.Close()
	if res.IsError() {
		return fmt.Errorf("elasticsearch: bulk: %s", res.Status())
	}
	var br struct {
		Errors bool `json:"errors"`
		Items  []map[string]struct {
			Status int `json:"status"`
		} `json:"items"`
	}
	if err := json.NewDecoder(res.Body).Decode(&br); err != nil {
		return fmt.Errorf("elasticsearch: bulk: %w", err)
	}
	if br.Errors {
		for _, it := range br.Items {
			for op, r := range it {
				if r.Status >= 300 && !(op == "delete" && r.Status == 404) { // deleting an absent doc is fine
					return fmt.Errorf("elasticsearch: bulk %s: status %d", op, r.Status)
				}
			}
		}
	}
	return nil
}

// Search runs q.
func (x *Index) Search(ctx context.Context, q conduit.SearchQuery) (service.SearchHits, error) {
	body, _ := json.Marshal(SearchBody(q))
	res, err := x.client.Search(x.client.Search.WithIndex(x.name), x.client.Search.WithBody(bytes.NewReader(body)), x.client.Search.WithContext(ctx))
	if err != nil {
		return service.SearchHits{}, fmt.Errorf("elasticsearch: search: %w", err)
	}
	defer res.Body.Close()
	if res.IsError() {
		return service.SearchHits{}, fmt.Errorf("elasticsearch: search: %s", res.Status())
	}
	return DecodeSearch(res.Body)
}

// Refresh makes every write so far searchable (tests).
func (x *Index) Refresh(ctx context.Context) error {
	res, err := esapi.IndicesRefreshRequest{Index: []string{x.name}}.Do(ctx, x.client)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.IsError() {
		return fmt.Errorf("elasticsearch: refresh: %s", res.Status())
	}
	return nil
}

func readAll(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, 64<<10))
	return string(b)
}
