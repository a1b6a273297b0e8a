// Package lru is the in-process cache adapter: the default when no
// MEMCACHED_ADDRS is configured. It is a least-recently-used map with a
// fixed number of entries and per-entry expiry, behind the same
// service.Cache port and the same contract suite (cachetest) as the
// memcached adapter. Each process has its own: with several replicas, use
// memcached, or a write on one replica leaves the others' entries stale
// until they expire.
package lru

import (
	"container/list"
	"context"
	"sync"
	"time"

	"workbook/capstone/service"
)

// Cache holds at most Size entries. The zero value is not usable; call New.
type Cache struct {
	mu    sync.Mutex
	size  int
	order *list.List               // front: most recently used
	items map[string]*list.Element // key → element of order
	now   func() time.Time
}

type entry struct {
	key     string
	value   []byte
	expires time.Time // zero: never
}

var _ service.Cache = (*Cache)(nil)

// New returns a cache of size entries (at least 1).
func New(size int) *Cache {
	return &Cache{size: max(size, 1), order: list.New(), items: map[string]*list.Element{}, now: time.Now}
}

// GetMulti returns the live entries among keys and marks them used.
func (c *Cache) GetMulti(_ context.Context, keys []string) (map[string][]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string][]byte, len(keys))
	for _, k := range keys {
		if v, ok := c.get(k); ok {
			out[k] = v
		}
	}
	return out, nil
}

// Set stores value under key, evicting the least recently used entry when full.
func (c *Cache) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.set(key, value, ttl)
	return nil
}

// Add stores value only if key holds no live entry.
func (c *Cache) Add(_ context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.get(key); ok {
		return false, nil
	}
	c.set(key, value, ttl)
	return true, nil
}

// Len reports how many entries are held, expired ones included until touched.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// get returns a live entry's value; the caller holds the lock.
func (c *Cache) get(key string) ([]byte, bool) {
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*entry)
	if !e.expires.IsZero() && !c.now().Before(e.expires) {
		c.order.Remove(el)
		delete(c.items, key)
		return nil, false
	}
	c.order.MoveToFront(el)
	return append([]byte(nil), e.value...), true
}

// set stores a copy of value; the caller holds the lock.
func (c *Cache) set(key string, value []byte, ttl time.Duration) {
	var expires time.Time
	if ttl > 0 {
		expires = c.now().Add(ttl)
	}
	e := &entry{key: key, value: append([]byte(nil), value...), expires: expires}
	if el, ok := c.items[key]; ok {
		el.Value = e
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(e)
	for c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*entry).key)
	}
}
