//go:build !solution

package lruttl

import "time"

// LRU is a least-recently-used cache of at most capacity entries, each
// expiring ttl after it was last set.
type LRU struct{}

// New returns an empty LRU. not implemented: edit exercises/1-lru-ttl/lru.go
func New(capacity int, ttl time.Duration, now Clock) *LRU { return &LRU{} }

// Get returns the value for key and true, or false when absent or expired.
// A hit makes key the most recently used.
func (c *LRU) Get(key string) (string, bool) { return "", false }

// Set stores value under key, evicting the least recently used entry when full.
func (c *LRU) Set(key, value string) {}

// Len is the number of entries held (expired ones not yet removed may count).
func (c *LRU) Len() int { return -1 }
