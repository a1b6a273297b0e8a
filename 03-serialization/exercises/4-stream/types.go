// Package stream reads a huge JSON export one article at a time, in
// memory that does not grow with the size of the input.
package stream

import "errors"

// Article is one element of the export's "articles" array.
type Article struct {
	Slug  string   `json:"slug"`
	Title string   `json:"title"`
	Body  string   `json:"body"`
	Tags  []string `json:"tags"`
}

// Errors; test them with errors.Is.
var (
	// ErrNoArticles: the top-level object has no "articles" key, or its
	// value is not an array.
	ErrNoArticles = errors.New("stream: no \"articles\" array")
	// ErrInvalid: an element is not a valid article (not an object, an
	// unknown field, a wrong type, or an empty slug).
	ErrInvalid = errors.New("stream: invalid article")
)
