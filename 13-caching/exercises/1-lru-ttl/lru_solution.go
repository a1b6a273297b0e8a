//go:build solution

package lruttl

import (
	"container/list"
	"time"
)

type item struct {
	key, value string
	expires    time.Time
}

// LRU is a least-recently-used cache of at most capacity entries, each
// expiring ttl after it was last set.
type LRU struct {
	capacity int
	ttl      time.Duration
	now      Clock
	order    *list.List // front = most recently used
	byKey    map[string]*list.Element
}

// New returns an empty LRU.
func New(capacity int, ttl time.Duration, now Clock) *LRU {
	return &LRU{capacity: capacity, ttl: ttl, now: now, order: list.New(), byKey: map[string]*list.Element{}}
}

// Get returns the value for key and true, or false when absent or expired.
func (c *LRU) Get(key string) (string, bool) {
	e, ok := c.byKey[key]
	if !ok {
		return "", false
	}
	it := e.Value.(*item)
	if !c.now().Before(it.expires) {
		c.order.Remove(e)
		delete(c.byKey, key)
		return "", false
	}
	c.order.MoveToFront(e)
	return it.value, true
}

// Set stores value under key, evicting the least recently used entry when full.
func (c *LRU) Set(key, value string) {
	if c.capacity <= 0 {
		return
	}
	exp := c.now().Add(c.ttl)
	if e, ok := c.byKey[key]; ok {
		it := e.Value.(*item)
		it.value, it.expires = value, exp
		c.order.MoveToFront(e)
		return
	}
	if c.order.Len() >= c.capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.byKey, oldest.Value.(*item).key)
	}
	c.byKey[key] = c.order.PushFront(&item{key: key, value: value, expires: exp})
}

// Len is the number of entries held.
func (c *LRU) Len() int { return c.order.Len() }
