// Package taginvalidation is exercise 4 of chapter 13: tag (namespace
// version) invalidation for cache entries that carry several tags.
package taginvalidation

import (
	"errors"
	"time"
)

// ErrNotStored is what Cache.Add returns when the key already exists
// (memcached's NOT_STORED).
var ErrNotStored = errors.New("cache: not stored")

// Cache is the part of a memcached client that tag invalidation needs.
// Keys are memcached keys: at most 250 bytes, no spaces or control
// characters. A ttl of 0 means "no expiry" (the entry can still be
// evicted when the cache is full).
type Cache interface {
	// Get reports ok=false on a miss; an error means the cache failed.
	Get(key string) (value []byte, ok bool, err error)
	// Set stores value under key, replacing any value.
	Set(key string, value []byte, ttl time.Duration) error
	// Add stores value only if key does not exist, else returns ErrNotStored.
	Add(key string, value []byte, ttl time.Duration) error
}

// Tagged stores entries that carry tags in Cache, and invalidates every
// entry carrying a tag in one write. The current version of tag t is kept
// in the same Cache under the key "tag:" + t.
type Tagged struct {
	Cache Cache
}

// Lookup is the result of Tagged.Get: the value on a hit, and in every case
// the versioned entry key that Fill stores a freshly loaded value under.
type Lookup struct {
	Value []byte
	Hit   bool
	Key   string // the entry key under the tag versions Get saw
}
