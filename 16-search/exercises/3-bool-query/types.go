// Package boolquery is exercise 3: an Elasticsearch bool query built from a
// search filter.
package boolquery

import (
	"errors"
	"time"
)

// ErrInvalid is wrapped by every error Build returns for a bad filter.
var ErrInvalid = errors.New("boolquery: invalid filter")

// Filter is what a search form or an API's query string asks for. Blank
// strings (after trimming spaces) count as absent, in every field.
type Filter struct {
	Text           string    // full text over title (boosted ×2) and body: scored
	Lang           string    // exact language code, e.g. "en"
	AllTags        []string  // the article has every one of these tags
	AnyTags        []string  // the article has at least one of these; more is better
	ExcludeAuthors []string  // the article is by none of these authors
	Since          time.Time // published at or after (zero: no lower bound)
	Until          time.Time // published before (zero: no upper bound)
}

// The index's fields (keyword unless noted).
const (
	FieldTitle     = "title" // text
	FieldBody      = "body"  // text
	FieldLang      = "lang"
	FieldTags      = "tags"
	FieldAuthor    = "author"
	FieldPublished = "published" // date
)
