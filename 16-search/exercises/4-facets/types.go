// Package facets is exercise 4: an Elasticsearch aggregation response
// turned into the facets a search API returns.
package facets

import "errors"

// ErrBadResponse is wrapped by every error Decode returns.
var ErrBadResponse = errors.New("facets: unexpected search response")

// The request's aggregation names (see README.md for the whole request).
const (
	AggTags        = "tags"         // terms on tags, with "authors" inside each bucket
	AggAuthors     = "authors"      // terms on author, a sub-aggregation of each tag bucket
	AggPublished   = "published"    // date_histogram by calendar month
	AggReadingTime = "reading_time" // range on minutes, named ranges
)

// MissingTag is the key the tags aggregation gives documents with no tag
// ("missing": "(none)" in the request).
const MissingTag = "(none)"

// Facets is what the API returns beside the hits.
type Facets struct {
	Tags        TermFacet `json:"tags"`
	Months      []Bucket  `json:"months"`
	ReadingTime []Range   `json:"reading_time"`
}

// TermFacet is the tag facet.
type TermFacet struct {
	Values     []TermValue `json:"values"`
	Other      int64       `json:"other"`       // documents whose tags are not listed (sum_other_doc_count)
	Missing    int64       `json:"missing"`     // documents with no tag at all
	CountError int64       `json:"count_error"` // doc_count_error_upper_bound: how far a count may be off; 0 is exact
}

// TermValue is one tag: how many matching documents carry it, whether the
// user has it selected, and its top authors.
type TermValue struct {
	Value    string   `json:"value"`
	Count    int64    `json:"count"`
	Selected bool     `json:"selected"`
	Authors  []Bucket `json:"authors"`
}

// Bucket is a key and its document count.
type Bucket struct {
	Key   string `json:"key"`
	Count int64  `json:"count"`
}

// Range is one reading-time range; a nil bound is open.
type Range struct {
	Key   string   `json:"key"`
	From  *float64 `json:"from,omitempty"`
	To    *float64 `json:"to,omitempty"`
	Count int64    `json:"count"`
}
