//go:build solution

package bm25index

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Index is an inverted index over documents' text.
type Index struct {
	postings map[string]map[string]int // term → doc id → term frequency
	length   map[string]int            // doc id → number of terms
	total    int                       // sum of lengths
}

// New returns an empty index.
func New() *Index {
	return &Index{postings: map[string]map[string]int{}, length: map[string]int{}}
}

func tokenize(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Add indexes text under id (ids are unique).
func (x *Index) Add(id, text string) {
	terms := tokenize(text)
	x.length[id] = len(terms)
	x.total += len(terms)
	for _, t := range terms {
		if x.postings[t] == nil {
			x.postings[t] = map[string]int{}
		}
		x.postings[t][id]++
	}
}

// Search returns the documents matching any query term, by BM25 score
// (highest first, ties by id ascending).
func (x *Index) Search(query string) ([]Scored, error) {
	n := float64(len(x.length))
	if n == 0 {
		return nil, nil
	}
	avg := float64(x.total) / n
	scores := map[string]float64{}
	seen := map[string]bool{}
	for _, t := range tokenize(query) {
		if seen[t] {
			continue
		}
		seen[t] = true
		docs := x.postings[t]
		df := float64(len(docs))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for id, tf := range docs {
			f := float64(tf)
			norm := 1 - B + B*float64(x.length[id])/avg
			scores[id] += idf * f * (K1 + 1) / (f + K1*norm)
		}
	}
	out := make([]Scored, 0, len(scores))
	for id, s := range scores {
		out = append(out, Scored{id, s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}
