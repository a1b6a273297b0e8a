package bm25index

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
)

func search(t *testing.T, x *Index, q string) []Scored {
	t.Helper()
	got, err := x.Search(q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return got
}

// TestBM25ByHand checks one score worked out on paper: 3 documents of
// lengths 2, 4 and 3 (avg 3); "cat" is in d1 (tf 1) and d2 (tf 2).
func TestBM25ByHand(t *testing.T) {
	x := New()
	x.Add("d1", "Cat sat")
	x.Add("d2", "cat, CAT and dog")
	x.Add("d3", "a dog barked")
	got := search(t, x, "cat")
	idf := math.Log(1 + (3-2+0.5)/(2+0.5))
	want := []Scored{
		{"d2", idf * 2 * 2.2 / (2 + 1.2*(0.25+0.75*4.0/3))},
		{"d1", idf * 1 * 2.2 / (1 + 1.2*(0.25+0.75*2.0/3))},
	}
	if len(got) != len(want) {
		t.Fatalf("Search(cat) = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].ID != want[i].ID || math.Abs(got[i].Score-want[i].Score) > 1e-9 {
			t.Errorf("Search(cat)[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	// Two terms add up; a repeated query term counts once; unknown terms add nothing.
	both := search(t, x, "cat dog dog zebra")
	if len(both) != 3 || both[0].ID != "d2" {
		t.Fatalf("Search(cat dog dog zebra) = %v, want d2 first of 3", both)
	}
	dog := search(t, x, "dog")
	var d2dog float64
	for _, s := range dog {
		if s.ID == "d2" {
			d2dog = s.Score
		}
	}
	if math.Abs(both[0].Score-(want[0].Score+d2dog)) > 1e-9 {
		t.Errorf("score of d2 for cat+dog = %v, want cat %v + dog %v", both[0].Score, want[0].Score, d2dog)
	}
	if got := search(t, x, "zebra"); len(got) != 0 {
		t.Errorf("Search(zebra) = %v, want nothing", got)
	}
}

func TestTiesByIDAndEmpty(t *testing.T) {
	if got := search(t, New(), "x"); len(got) != 0 {
		t.Errorf("empty index: Search = %v, want nothing", got)
	}
	one := New()
	one.Add("only", "lonely words")
	if got := search(t, one, "words"); len(got) != 1 || got[0].ID != "only" {
		t.Errorf("one-document index: Search(words) = %v, want [only]", got)
	}
	x := New()
	x.Add("b", "same words")
	x.Add("a", "same words")
	x.Add("c", "other text")
	got := search(t, x, "same")
	if len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" || got[0].Score != got[1].Score || got[0].Score <= 0 {
		t.Errorf("Search(same) = %v, want a then b with one positive score", got)
	}
}

// TestRankingAgreesWithBleve indexes the same corpus into bleve configured
// for BM25 (ScoringModel "bm25", simple analyzer: split on non-letters and
// lowercase, as Add does; no stemming, no stop words)
// and compares rankings. Single-term queries must rank identically (same
// formula up to bleve's constant k1 vs k1+1 factor). Multi-term queries:
// bleve's disjunction multiplies by a coordination factor
// (matched clauses / clauses), so only the top-3 sets are compared, and
// must share at least 2 of 3 documents.
func TestRankingAgreesWithBleve(t *testing.T) {
	raw, err := os.ReadFile("testdata/articles.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []struct{ ID, Title, Body string }
	if err := json.Unmarshal(raw, &docs); err != nil {
		t.Fatal(err)
	}
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	m.DefaultAnalyzer = simple.Name
	bl, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	x := New()
	for _, d := range docs {
		text := d.Title + " " + d.Body
		x.Add(d.ID, text)
		if err := bl.Index(d.ID, map[string]string{"text": text}); err != nil {
			t.Fatal(err)
		}
	}
	bleveRank := func(q string) []string {
		mq := bleve.NewMatchQuery(q)
		mq.SetField("text")
		res, err := bl.Search(bleve.NewSearchRequestOptions(mq, 20, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	for _, q := range []string{"index", "shard", "search", "documents", "query"} {
		want := bleveRank(q)
		got := search(t, x, q)
		if len(got) != len(want) {
			t.Errorf("%q: %d hits, bleve %d (%v)", q, len(got), len(want), want)
			continue
		}
		for i := range want {
			if got[i].ID != want[i] {
				t.Errorf("%q: rank %d is %s, bleve's is %s (yours %v, bleve %v)", q, i, got[i].ID, want[i], got, want)
				break
			}
		}
	}
	for _, q := range []string{"inverted index postings", "shards replicas cluster", "relevance score ranking"} {
		want := bleveRank(q)
		got := search(t, x, q)
		shared := 0
		for _, g := range got[:min(3, len(got))] {
			for _, w := range want[:min(3, len(want))] {
				if g.ID == w {
					shared++
				}
			}
		}
		if shared < 2 {
			t.Errorf("%q: top 3 share %d documents with bleve's (yours %v, bleve %v), want at least 2", q, shared, got, want)
		}
		t.Logf("%q: top-3 overlap with bleve %d/3", q, shared)
	}
}
