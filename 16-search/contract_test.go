package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"workbook/testinfra"
)

// TestBleveContract runs the contract on the embedded engine (always).
func TestBleveContract(t *testing.T) {
	testSearcherContract(t, func(t *testing.T) Searcher {
		s, err := newBleveSearcher("")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestBleveOnDisk checks the on-disk index survives a reopen.
func TestBleveOnDisk(t *testing.T) {
	dir := t.TempDir() + "/idx"
	s, err := newBleveSearcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Index(context.Background(), sampleArticles()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = newBleveSearcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Search(context.Background(), Query{Size: 5})
	if err != nil || res.Total != len(sampleArticles()) {
		t.Fatalf("after reopen: total %d, err %v; want %d", res.Total, err, len(sampleArticles()))
	}
}

// TestElasticsearchContract runs the same contract on Elasticsearch when
// testinfra finds one (WORKBOOK_ELASTICSEARCH_URL or Docker); it skips otherwise.
func TestElasticsearchContract(t *testing.T) {
	env := testinfra.Elasticsearch(t)
	n := 0
	testSearcherContract(t, func(t *testing.T) Searcher {
		n++
		s, err := newESSearcher(context.Background(), env.URL, env.Prefix+"articles-"+string(rune('a'+n)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// testSearcherContract is the behaviour every Searcher must have.
func testSearcherContract(t *testing.T, open func(t *testing.T) Searcher) {
	ctx := context.Background()
	s := open(t)
	if err := s.Index(ctx, sampleArticles()); err != nil {
		t.Fatalf("Index: %v", err)
	}
	ids := func(r Result) string {
		var b []string
		for _, h := range r.Hits {
			b = append(b, h.ID)
		}
		return strings.Join(b, ",")
	}

	t.Run("match ranks the best document first", func(t *testing.T) {
		res, err := s.Search(ctx, Query{Text: "inverted index", Size: 20})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"a01", "a03", "a11"} {
			if !strings.Contains(ids(res), id) {
				t.Errorf("hits %s lack %s, which says inverted index", ids(res), id)
			}
		}
		for _, h := range res.Hits {
			if h.Score <= 0 {
				t.Errorf("hit %s has score %v, want > 0", h.ID, h.Score)
			}
		}
	})
	t.Run("highlights mark the matched words", func(t *testing.T) {
		res, err := s.Search(ctx, Query{Text: "replicas", Size: 5})
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("Search: %v, %d hits", err, len(res.Hits))
		}
		all := ""
		for _, h := range res.Hits {
			for _, f := range h.Highlights {
				all += strings.Join(f, " ")
			}
		}
		if !strings.Contains(all, "<mark>replica") {
			t.Errorf("highlights %q do not mark replicas", all)
		}
	})
	t.Run("term filter and date range filter", func(t *testing.T) {
		res, err := s.Search(ctx, Query{Tag: "operations", Since: day("2024-03-01"), Until: day("2024-04-20"), Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res); got != "a09,a06" {
			t.Errorf("operations in [2024-03-01, 2024-04-20) = %s, want a09,a06 (newest first)", got)
		}
	})
	t.Run("tag facets count every match", func(t *testing.T) {
		res, err := s.Search(ctx, Query{Tag: "indexing", Size: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := []Bucket{{"indexing", 4}, {"operations", 2}, {"search", 2}}
		if len(res.Tags) != len(want) {
			t.Fatalf("tags = %v, want %v", res.Tags, want)
		}
		for i := range want {
			if res.Tags[i] != want[i] {
				t.Errorf("tags = %v, want %v", res.Tags, want)
			}
		}
	})
	t.Run("cursor pages through every article once", func(t *testing.T) {
		seen := map[string]bool{}
		q := Query{Size: 5}
		for page := 0; page < 10; page++ {
			res, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Errorf("page %d repeats %s", page, h.ID)
				}
				seen[h.ID] = true
			}
			if res.Next == "" {
				break
			}
			q.After = res.Next
		}
		if len(seen) != len(sampleArticles()) {
			t.Errorf("paged through %d articles, want %d", len(seen), len(sampleArticles()))
		}
	})
	t.Run("a forged cursor is errBadCursor", func(t *testing.T) {
		if _, err := s.Search(ctx, Query{Size: 5, After: "!!"}); err != errBadCursor {
			t.Errorf("Search(After: \"!!\") = %v, want errBadCursor", err)
		}
	})
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}
