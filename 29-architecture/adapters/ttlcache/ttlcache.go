// Package ttlcache is the Cache port as an in-process map whose entries
// expire after a TTL. It bounds its size by dropping expired entries first
// and then the oldest. Chapter 13 puts memcached behind the same idea.
package ttlcache

import (
	"context"
	"sync"
	"time"

	"workbook/29-architecture/domain"
)

type entry struct {
	p       domain.Product
	expires time.Time
}

// Cache is safe for concurrent use.
type Cache struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu      sync.Mutex
	entries map[string]entry
}

// New returns a cache of at most max entries, each living ttl.
func New(ttl time.Duration, max int, now func() time.Time) *Cache {
	return &Cache{ttl: ttl, max: max, now: now, entries: map[string]entry{}}
}

// Product implements ports.Cache.
func (c *Cache) Product(ctx context.Context, sku string) (domain.Product, bool, error) {
	if err := ctx.Err(); err != nil {
		return domain.Product{}, false, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[sku]
	if !ok || !c.now().Before(e.expires) {
		delete(c.entries, sku)
		return domain.Product{}, false, nil
	}
	return e.p, true, nil
}

// SetProduct implements ports.Cache.
func (c *Cache) SetProduct(ctx context.Context, p domain.Product) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if _, ok := c.entries[p.SKU]; !ok && len(c.entries) >= c.max {
		c.evict(now)
	}
	c.entries[p.SKU] = entry{p: p, expires: now.Add(c.ttl)}
	return nil
}

// evict drops expired entries, or failing that the one expiring soonest.
func (c *Cache) evict(now time.Time) {
	var oldest string
	for k, e := range c.entries {
		if !now.Before(e.expires) {
			delete(c.entries, k)
			continue
		}
		if oldest == "" || e.expires.Before(c.entries[oldest].expires) {
			oldest = k
		}
	}
	if len(c.entries) >= c.max {
		delete(c.entries, oldest)
	}
}
