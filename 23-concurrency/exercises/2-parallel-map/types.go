// Package parallelmap is exercise 2 of chapter 23: an order-preserving,
// bounded parallel map with first-error cancellation.
package parallelmap

import "errors"

// ErrInvalidLimit is returned, before any call, for a limit below 1.
var ErrInvalidLimit = errors.New("parallelmap: limit must be at least 1")
