//go:build !solution

package concurrency

import "errors"

var errNotImplemented = errors.New("not implemented: edit exercises/2-optimistic-concurrency/concurrency.go")

// Store holds documents by id. It must be safe for concurrent use.
type Store struct {
	// add fields here
}

// NewStore returns an empty Store.
func NewStore() *Store { return &Store{} }

// Create stores body under id and returns its ETag.
func (s *Store) Create(id, body string) (etag string, err error) {
	return "", errNotImplemented
}

// Get returns the document's body and current ETag.
func (s *Store) Get(id string) (body, etag string, err error) {
	return "", "", errNotImplemented
}

// Update replaces the body of document id if ifMatch (an HTTP If-Match
// header value) matches its current ETag, and returns the new ETag.
func (s *Store) Update(id, ifMatch, body string) (etag string, err error) {
	return "", errNotImplemented
}
