// Package searchtest is the contract every service.SearchIndex adapter
// passes: bleve and Elasticsearch run the same tests.
package searchtest

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

var base = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Docs is the fixture: five articles.
func Docs() []service.SearchDoc {
	return []service.SearchDoc{
		{ID: 1, Slug: "dragons", Title: "How to train your dragon", Description: "Ever wonder how?", Body: "Very carefully, with patience.", Author: "jake", Tags: []string{"dragons", "training"}, CreatedAt: base},
		{ID: 2, Slug: "dragon-food", Title: "What dragons eat", Description: "A menu", Body: "Mostly sheep. Training them not to is hard.", Author: "ann", Tags: []string{"dragons"}, CreatedAt: base.Add(time.Hour)},
		{ID: 3, Slug: "go-errors", Title: "Errors in Go", Description: "wrap, join, inspect", Body: "errors.Is and errors.As walk the chain.", Author: "ann", Tags: []string{"go"}, CreatedAt: base.Add(2 * time.Hour)},
		{ID: 4, Slug: "training-plan", Title: "A training plan", Description: "Twelve weeks", Body: "Run, rest, <script>alert(1)</script> repeat.", Author: "jake", Tags: []string{"training", "running"}, CreatedAt: base.Add(3 * time.Hour)},
		{ID: 5, Slug: "empty", Title: "Nothing here", Description: "no match", Body: "Lorem ipsum.", Author: "bob", Tags: nil, CreatedAt: base.Add(4 * time.Hour)},
	}
}

// Run checks the index open returns, empty, for each subtest. refresh,
// when not nil, makes writes visible (Elasticsearch refreshes every second).
func Run(t *testing.T, open func(t *testing.T) service.SearchIndex, refresh func(t *testing.T, x service.SearchIndex)) {
	ctx := context.Background()
	seeded := func(t *testing.T) service.SearchIndex {
		x := open(t)
		if err := x.Index(ctx, Docs()); err != nil {
			t.Fatal(err)
		}
		if refresh != nil {
			refresh(t, x)
		}
		return x
	}
	ids := func(r service.SearchHits) []int64 {
		var out []int64
		for _, h := range r.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	search := func(t *testing.T, x service.SearchIndex, q conduit.SearchQuery) service.SearchHits {
		t.Helper()
		if q.Limit == 0 {
			q.Limit = 10
		}
		r, err := x.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%+v) = %v", q, err)
		}
		return r
	}

	t.Run("FullTextIsStemmedAndRanked", func(t *testing.T) {
		x := seeded(t)
		r := search(t, x, conduit.SearchQuery{Text: "dragon"})
		got := ids(r)
		if r.Total != 2 || len(got) != 2 || !slices.Contains(got, 1) || !slices.Contains(got, 2) {
			t.Errorf("q=dragon: total %d, hits %v; want articles 1 and 2 (dragons stems to dragon)", r.Total, got)
		}
		r = search(t, x, conduit.SearchQuery{Text: "training"})
		if got := ids(r); len(got) != 3 || got[len(got)-1] != 2 {
			t.Errorf("q=training: hits %v; want 3, with article 2 (a match in the body only) last behind the title matches", got)
		}
	})
	t.Run("FiltersAreExact", func(t *testing.T) {
		x := seeded(t)
		if got := ids(search(t, x, conduit.SearchQuery{Tag: "training"})); len(got) != 2 || !slices.Contains(got, 1) || !slices.Contains(got, 4) {
			t.Errorf("tag=training: %v, want 1 and 4", got)
		}
		for _, h := range search(t, x, conduit.SearchQuery{Tag: "training"}).Hits {
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
				t.Errorf("tag=training: hit %d has score %v; want a number JSON can carry", h.ID, h.Score)
			}
		}
		if got := ids(search(t, x, conduit.SearchQuery{Tag: "train"})); len(got) != 0 {
			t.Errorf("tag=train: %v, want none (tags are exact, not stemmed)", got)
		}
		if got := ids(search(t, x, conduit.SearchQuery{Text: "training", Author: "ann"})); !slices.Equal(got, []int64{2}) {
			t.Errorf("q=training author=ann: %v, want [2]", got)
		}
	})
	t.Run("TagFacetCountsEveryMatch", func(t *testing.T) {
		x := seeded(t)
		r := search(t, x, conduit.SearchQuery{Text: "training", Limit: 1})
		want := []conduit.TagCount{{Tag: "training", Count: 2}, {Tag: "dragons", Count: 2}, {Tag: "running", Count: 1}}
		slices.SortFunc(want, func(a, b conduit.TagCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Tag, b.Tag)
		})
		if r.Total != 3 || len(r.Hits) != 1 || !slices.Equal(r.Tags, want) {
			t.Errorf("q=training limit 1: total %d, %d hits, tags %v; want 3, 1, %v (facets over all matches)", r.Total, len(r.Hits), r.Tags, want)
		}
	})
	t.Run("Paging", func(t *testing.T) {
		x := seeded(t)
		all := ids(search(t, x, conduit.SearchQuery{Limit: 10}))
		var paged []int64
		for off := 0; off < 5; off += 2 {
			paged = append(paged, ids(search(t, x, conduit.SearchQuery{Limit: 2, Offset: off}))...)
		}
		if len(all) != 5 || !slices.Equal(all, paged) {
			t.Errorf("pages of 2 = %v, one page of 10 = %v; want the same 5 in the same order", paged, all)
		}
		if !slices.Equal(all, []int64{5, 4, 3, 2, 1}) {
			t.Errorf("match-all order = %v, want newest first", all)
		}
	})
	t.Run("HighlightsAreEscaped", func(t *testing.T) {
		x := seeded(t)
		r := search(t, x, conduit.SearchQuery{Text: "repeat"})
		if len(r.Hits) != 1 {
			t.Fatalf("q=repeat: %d hits, want 1", len(r.Hits))
		}
		body := strings.Join(r.Hits[0].Highlights["body"], " ")
		if !strings.Contains(body, "<mark>repeat</mark>") || strings.Contains(body, "<script>") {
			t.Errorf("body highlight %q; want <mark>repeat</mark> and the article's own markup escaped", body)
		}
	})
	t.Run("ReplaceAndDelete", func(t *testing.T) {
		x := seeded(t)
		d := Docs()[2]
		d.Title, d.Body = "Panics in Go", "recover stops one"
		if err := x.Index(ctx, []service.SearchDoc{d}); err != nil {
			t.Fatal(err)
		}
		if err := x.Delete(ctx, []int64{1, 999}); err != nil {
			t.Fatalf("Delete of a present and an absent ID = %v, want nil", err)
		}
		if refresh != nil {
			refresh(t, x)
		}
		if got := ids(search(t, x, conduit.SearchQuery{Text: "errors"})); len(got) != 0 {
			t.Errorf("q=errors after the edit: %v, want none", got)
		}
		if got := ids(search(t, x, conduit.SearchQuery{Text: "panics"})); !slices.Equal(got, []int64{3}) {
			t.Errorf("q=panics after the edit: %v, want [3]", got)
		}
		if r := search(t, x, conduit.SearchQuery{}); r.Total != 4 {
			t.Errorf("after deleting 1: total %d, want 4", r.Total)
		}
	})
}
