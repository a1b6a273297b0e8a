// Package concurrency is a versioned document store with optimistic
// concurrency control: every document has an ETag, and an update must name
// the ETag it was based on (HTTP's If-Match) or it is refused.
package concurrency

import "errors"

// Errors returned by the Store. Return them as they are or wrapped with %w.
var (
	// ErrNotFound: no document has this id.
	ErrNotFound = errors.New("concurrency: not found")
	// ErrExists: Create was called with an id already in use.
	ErrExists = errors.New("concurrency: already exists")
	// ErrPreconditionRequired: Update was called with an empty If-Match (HTTP 428).
	ErrPreconditionRequired = errors.New("concurrency: If-Match required")
	// ErrPreconditionFailed: If-Match does not match the current ETag (HTTP 412).
	ErrPreconditionFailed = errors.New("concurrency: precondition failed")
)
