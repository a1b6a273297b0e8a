//go:build solution

package facets

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Pointers tell "absent" from zero: a field the request guarantees must be there.
type termsAgg struct {
	DocCountErrorUpperBound int64         `json:"doc_count_error_upper_bound"`
	SumOtherDocCount        int64         `json:"sum_other_doc_count"`
	Buckets                 *[]termBucket `json:"buckets"`
}

type termBucket struct {
	Key      *string   `json:"key"`
	DocCount *int64    `json:"doc_count"`
	Authors  *termsAgg `json:"authors"`
}

type response struct {
	Aggregations *struct {
		Tags      *termsAgg `json:"tags"`
		Published *struct {
			Buckets *[]struct {
				Key      *int64 `json:"key"` // epoch milliseconds
				DocCount *int64 `json:"doc_count"`
			} `json:"buckets"`
		} `json:"published"`
		ReadingTime *struct {
			Buckets *[]struct {
				Key      *string  `json:"key"`
				From     *float64 `json:"from"`
				To       *float64 `json:"to"`
				DocCount *int64   `json:"doc_count"`
			} `json:"buckets"`
		} `json:"reading_time"`
	} `json:"aggregations"`
}

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrBadResponse}, args...)...)
}

// count checks a doc_count: present and not negative.
func count(n *int64, where string) (int64, error) {
	if n == nil {
		return 0, bad("%s: no doc_count", where)
	}
	if *n < 0 {
		return 0, bad("%s: doc_count %d", where, *n)
	}
	return *n, nil
}

// byCount orders buckets as a facet shows them: most documents first, ties by key.
func byCount(a, b Bucket) int {
	return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key))
}

// terms reads a terms aggregation's buckets.
func terms(agg *termsAgg, name string) ([]Bucket, []termBucket, error) {
	if agg == nil || agg.Buckets == nil {
		return nil, nil, bad("no %s buckets", name)
	}
	if agg.SumOtherDocCount < 0 || agg.DocCountErrorUpperBound < 0 {
		return nil, nil, bad("%s: negative totals", name)
	}
	out := []Bucket{}
	for i, b := range *agg.Buckets {
		if b.Key == nil {
			return nil, nil, bad("%s bucket %d: no string key", name, i)
		}
		n, err := count(b.DocCount, name+" bucket "+*b.Key)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, Bucket{Key: *b.Key, Count: n})
	}
	return out, *agg.Buckets, nil
}

// Decode reads a _search response body and returns its facets. selected
// are the tags the user has selected (the query already filters on them).
func Decode(body []byte, selected []string) (Facets, error) {
	var r response
	if err := json.Unmarshal(body, &r); err != nil {
		return Facets{}, bad("%v", err) // a wrong type is an *json.UnmarshalTypeError here, not a panic
	}
	if r.Aggregations == nil {
		return Facets{}, bad("no aggregations")
	}
	a := r.Aggregations

	tags, raw, err := terms(a.Tags, AggTags)
	if err != nil {
		return Facets{}, err
	}
	f := Facets{Tags: TermFacet{
		Values:     []TermValue{},
		Other:      a.Tags.SumOtherDocCount,
		CountError: a.Tags.DocCountErrorUpperBound,
	}}
	for i, t := range tags {
		if t.Key == MissingTag {
			f.Tags.Missing = t.Count // not a tag: the documents without one
			continue
		}
		authors, _, err := terms(raw[i].Authors, AggAuthors+" in "+t.Key)
		if err != nil {
			return Facets{}, err
		}
		slices.SortFunc(authors, byCount)
		f.Tags.Values = append(f.Tags.Values, TermValue{
			Value: t.Key, Count: t.Count, Selected: slices.Contains(selected, t.Key), Authors: authors,
		})
	}
	// A selected tag stays on screen, with 0, so the user can unselect it.
	for _, s := range selected {
		if !slices.ContainsFunc(f.Tags.Values, func(v TermValue) bool { return v.Value == s }) {
			f.Tags.Values = append(f.Tags.Values, TermValue{Value: s, Selected: true, Authors: []Bucket{}})
		}
	}
	slices.SortFunc(f.Tags.Values, func(x, y TermValue) int {
		return byCount(Bucket{x.Value, x.Count}, Bucket{y.Value, y.Count})
	})

	if a.Published == nil || a.Published.Buckets == nil {
		return Facets{}, bad("no %s buckets", AggPublished)
	}
	f.Months = []Bucket{}
	for i, b := range *a.Published.Buckets {
		if b.Key == nil {
			return Facets{}, bad("%s bucket %d: no numeric key", AggPublished, i)
		}
		n, err := count(b.DocCount, AggPublished)
		if err != nil {
			return Facets{}, err
		}
		// The numeric key is the instant (UTC midnight of the month's first
		// day); key_as_string depends on the request's format. Empty months
		// stay: a histogram shows its gaps.
		key := time.UnixMilli(*b.Key).UTC().Format("2006-01")
		f.Months = append(f.Months, Bucket{Key: key, Count: n})
	}

	if a.ReadingTime == nil || a.ReadingTime.Buckets == nil {
		return Facets{}, bad("no %s buckets", AggReadingTime)
	}
	f.ReadingTime = []Range{}
	for i, b := range *a.ReadingTime.Buckets {
		if b.Key == nil {
			return Facets{}, bad("%s bucket %d: no key", AggReadingTime, i)
		}
		n, err := count(b.DocCount, AggReadingTime)
		if err != nil {
			return Facets{}, err
		}
		f.ReadingTime = append(f.ReadingTime, Range{Key: *b.Key, From: b.From, To: b.To, Count: n})
	}
	return f, nil
}
