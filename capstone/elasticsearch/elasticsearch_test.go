package elasticsearch

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"workbook/capstone/conduit"
	"workbook/capstone/searchtest"
	"workbook/capstone/service"
	"workbook/testinfra"
)

// TestContract runs the suite bleve passes on a real cluster.
func TestContract(t *testing.T) {
	env := testinfra.Elasticsearch(t)
	n := 0
	searchtest.Run(t, func(t *testing.T) service.SearchIndex {
		n++
		x, err := Open(context.Background(), env.URL, env.Prefix+"articles-"+string(rune('a'+n)))
		if err != nil {
			t.Fatal(err)
		}
		return x
	}, func(t *testing.T, x service.SearchIndex) {
		if err := x.(*Index).Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

// TestSearchBody: the text is scored, the filters are not; an empty query
// is an empty bool (match all); highlights escape the article's markup.
func TestSearchBody(t *testing.T) {
	b, _ := json.Marshal(SearchBody(conduit.SearchQuery{Text: "dragon", Tag: "go", Author: "ann", Limit: 20, Offset: 40}))
	got := string(b)
	for _, want := range []string{
		`"must":[{"multi_match":{"fields":["title^3","description^2","body"],"query":"dragon"}}]`,
		`"filter":[{"term":{"tags":"go"}},{"term":{"author":"ann"}}]`,
		`"from":40`, `"size":20`, `"track_total_hits":true`, `"encoder":"html"`,
		`"sort":["_score",{"createdAt":"desc"},{"id":"asc"}]`,
		`"aggs":{"tags":{"terms":{"field":"tags","size":10}}}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("SearchBody lacks %s:\n%s", want, got)
		}
	}
	empty, _ := json.Marshal(SearchBody(conduit.SearchQuery{Limit: 10}))
	if !strings.Contains(string(empty), `"query":{"bool":{}}`) {
		t.Errorf("an empty query = %s, want an empty bool (matches everything)", empty)
	}
}

// TestDecodeSearch reads the shape of a _search answer as Elasticsearch's
// documentation shows it.
func TestDecodeSearch(t *testing.T) {
	answer := `{"took":3,"timed_out":false,"hits":{"total":{"value":2,"relation":"eq"},"max_score":1.3,
		"hits":[{"_index":"a","_id":"7","_score":1.3,"highlight":{"title":["How to train your <mark>dragon</mark>"]}},
		        {"_index":"a","_id":"9","_score":null}]},
		"aggregations":{"tags":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,
		"buckets":[{"key":"dragons","doc_count":2},{"key":"go","doc_count":1}]}}}`
	r, err := DecodeSearch(strings.NewReader(answer))
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 2 || len(r.Hits) != 2 || r.Hits[0].ID != 7 || r.Hits[0].Score != 1.3 || r.Hits[1].Score != 0 ||
		r.Hits[0].Highlights["title"][0] != "How to train your <mark>dragon</mark>" ||
		len(r.Tags) != 2 || r.Tags[0] != (conduit.TagCount{Tag: "dragons", Count: 2}) {
		t.Errorf("DecodeSearch = %+v", r)
	}
	for _, bad := range []string{`{"hits":{"hits":[{"_id":"x"}]}}`, `not json`} {
		if _, err := DecodeSearch(strings.NewReader(bad)); err == nil {
			t.Errorf("DecodeSearch(%s) = nil error, want one", bad)
		}
	}
}
