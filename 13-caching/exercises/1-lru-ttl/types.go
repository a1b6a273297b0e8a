// Package lruttl is exercise 1 of chapter 13: a fixed-capacity LRU cache
// whose entries also expire after a TTL.
package lruttl

import "time"

// Clock returns the current time; tests pass a fake one.
type Clock func() time.Time
