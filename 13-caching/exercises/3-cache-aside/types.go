// Package cacheaside is exercise 3 of chapter 13: cache-aside reads over a
// small Cache interface, with a call-coalescing group built from scratch
// and negative caching.
package cacheaside

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is what a Loader returns (possibly wrapped) when the key does
// not exist at the source, and what Reader.Get returns for it.
var ErrNotFound = errors.New("cacheaside: not found")

// Entry is what the cache holds for a key: a value, or Found=false for a
// cached "not found" (a negative entry).
type Entry struct {
	Value []byte
	Found bool
}

// Cache is the part of a cache client (memcached, Redis, an LRU) that
// cache-aside needs. Get reports ok=false on a miss; an error means the
// cache itself failed (down, timed out), not that the key is absent.
type Cache interface {
	Get(key string) (e Entry, ok bool, err error)
	Set(key string, e Entry, ttl time.Duration) error
}

// Loader reads key from the source of truth (the slow database).
type Loader func(ctx context.Context, key string) ([]byte, error)

// Reader is a cache-aside reader: the cache first, the Loader on a miss.
type Reader struct {
	Cache       Cache
	Load        Loader
	TTL         time.Duration // lifetime of a cached value
	NegativeTTL time.Duration // lifetime of a cached "not found" (shorter)
	Group       Group         // coalesces concurrent misses of one key
}
