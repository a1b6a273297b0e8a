package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"golang.org/x/sync/singleflight"
)

// CacheConfig tunes the article cache.
type CacheConfig struct {
	Prefix      string        // put in front of every key (tests use testinfra's env.Prefix)
	TTL         time.Duration // lifetime of a cached article, before jitter
	NegativeTTL time.Duration // lifetime of a cached "no such article"
	Jitter      float64       // each TTL is stretched by a random 0..Jitter fraction
	RefreshAt   float64       // refresh ahead once this fraction of the TTL has passed (0 = never)
}

// entry is what goes into memcached: the article, or Found=false for a
// negative entry, and when a read should start refreshing it ahead of expiry.
type entry struct {
	Found     bool      `json:"found"`
	Article   Article   `json:"article,omitzero"`
	RefreshAt time.Time `json:"refresh_at,omitzero"`
}

// ArticleCache puts memcached in front of a Store. Reads are cache-aside
// with singleflight; writes go through to the store and then to the cache.
// Any memcached failure is counted and the store answers instead: the cache
// makes reads fast, it is never needed for a read to succeed.
type ArticleCache struct {
	mc     *memcache.Client
	store  *Store
	cfg    CacheConfig
	group  singleflight.Group
	stats  Stats
	logger *slog.Logger
}

// NewArticleCache wraps store with the memcached client mc.
func NewArticleCache(mc *memcache.Client, store *Store, cfg CacheConfig, logger *slog.Logger) *ArticleCache {
	return &ArticleCache{mc: mc, store: store, cfg: cfg, logger: logger}
}

// jittered spreads expiries so that keys cached together do not all expire
// in the same second and send one burst of misses to the source.
func (c *ArticleCache) jittered(ttl time.Duration) time.Duration {
	return ttl + time.Duration(rand.Float64()*c.cfg.Jitter*float64(ttl))
}

// seconds is memcached's expiry: whole seconds, at least 1 (0 would mean "never").
func seconds(d time.Duration) int32 {
	return int32(max(1, (d+time.Second-1)/time.Second))
}

// namespaceKey holds the version of the "articles" tag. Every article key
// embeds the version, so bumping it orphans every article entry at once.
func (c *ArticleCache) namespaceKey() string { return c.cfg.Prefix + "ns:articles" }

// version reads the namespace version, creating it on first use.
func (c *ArticleCache) version() (string, error) {
	it, err := c.mc.Get(c.namespaceKey())
	if err == nil {
		return string(it.Value), nil
	}
	if !errors.Is(err, memcache.ErrCacheMiss) {
		return "", err
	}
	v := strconv.FormatInt(time.Now().UnixNano(), 10)
	if err := c.mc.Add(&memcache.Item{Key: c.namespaceKey(), Value: []byte(v)}); errors.Is(err, memcache.ErrNotStored) {
		return c.version() // another server created it first: use theirs
	} else if err != nil {
		return "", err
	}
	return v, nil
}

// key is the memcached key of one article under the current namespace version.
func (c *ArticleCache) key(slug string) (string, error) {
	v, err := c.version()
	if err != nil {
		return "", err
	}
	return c.cfg.Prefix + "article:" + v + ":" + slug, nil
}

// InvalidateAll bumps the namespace version: every cached article becomes
// unreachable in one write, and memcached evicts the orphans in its own time.
func (c *ArticleCache) InvalidateAll() error {
	if _, err := c.mc.Increment(c.namespaceKey(), 1); err != nil && !errors.Is(err, memcache.ErrCacheMiss) {
		c.stats.errors.Add(1)
		return err
	}
	return nil
}

// Get returns the article for slug and whether it exists.
func (c *ArticleCache) Get(ctx context.Context, slug string) (Article, bool, error) {
	start := time.Now()
	if e, ok := c.lookup(slug); ok {
		if !e.Found {
			c.stats.negativeHits.Add(1)
		}
		if !e.RefreshAt.IsZero() && time.Now().After(e.RefreshAt) {
			c.refreshAhead(slug)
		}
		c.stats.observe(true, time.Since(start))
		return e.Article, e.Found, nil
	}
	// A miss: one load per key however many requests miss at once.
	v, err, _ := c.group.Do(slug, func() (any, error) {
		// Another flight may have filled the key between our miss and now.
		if e, ok := c.lookup(slug); ok {
			return e, nil
		}
		// The flight serves every waiter, so one caller hanging up must not cancel it.
		return c.load(context.WithoutCancel(ctx), slug)
	})
	c.stats.observe(false, time.Since(start))
	if err != nil {
		return Article{}, false, err
	}
	e := v.(entry)
	return e.Article, e.Found, nil
}

// lookup reads slug's entry from memcached; false on a miss or any failure.
func (c *ArticleCache) lookup(slug string) (entry, bool) {
	key, err := c.key(slug)
	if err != nil {
		c.failed("get", err)
		return entry{}, false
	}
	it, err := c.mc.Get(key)
	if err != nil {
		if !errors.Is(err, memcache.ErrCacheMiss) {
			c.failed("get", err)
		}
		return entry{}, false
	}
	var e entry
	if err := json.Unmarshal(it.Value, &e); err != nil {
		c.failed("decode", err)
		return entry{}, false
	}
	return e, true
}

// load reads the source and caches what it found, including "not found".
func (c *ArticleCache) load(ctx context.Context, slug string) (entry, error) {
	c.stats.loads.Add(1)
	a, found, err := c.store.Get(ctx, slug)
	if err != nil {
		return entry{}, err // a failed load is never cached
	}
	e := entry{Found: found, Article: a}
	c.fill(slug, e)
	return e, nil
}

// fill writes e with a jittered TTL: short for negative entries, so a slug
// created later is not hidden for long.
func (c *ArticleCache) fill(slug string, e entry) {
	ttl := c.cfg.NegativeTTL
	if e.Found {
		ttl = c.jittered(c.cfg.TTL)
		if c.cfg.RefreshAt > 0 {
			e.RefreshAt = time.Now().Add(time.Duration(c.cfg.RefreshAt * float64(ttl)))
		}
	}
	key, err := c.key(slug)
	if err != nil {
		c.failed("set", err)
		return
	}
	b, _ := json.Marshal(e) // an entry of strings and times always marshals
	if err := c.mc.Set(&memcache.Item{Key: key, Value: b, Expiration: seconds(ttl)}); err != nil {
		c.failed("set", err)
	}
}

// refreshAhead reloads a hot key in the background before it expires, so
// readers keep getting hits. DoChan shares the flight with any miss in
// progress; the result is not awaited.
func (c *ArticleCache) refreshAhead(slug string) {
	c.stats.refreshes.Add(1)
	c.group.DoChan(slug, func() (any, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return c.load(ctx, slug)
	})
}

// Put writes through: the store first (the source of truth), then the cache,
// so the next read is a hit holding the new version.
func (c *ArticleCache) Put(ctx context.Context, a Article) error {
	if err := c.store.Put(ctx, a); err != nil {
		return err
	}
	c.fill(a.Slug, entry{Found: true, Article: a})
	return nil
}

// Delete removes from the store, then invalidates the cached entry.
func (c *ArticleCache) Delete(ctx context.Context, slug string) error {
	if err := c.store.Delete(ctx, slug); err != nil {
		return err
	}
	key, err := c.key(slug)
	if err == nil {
		err = c.mc.Delete(key)
	}
	if err != nil && !errors.Is(err, memcache.ErrCacheMiss) {
		c.failed("delete", err)
	}
	return nil
}

// failed counts a memcached failure and logs it; the caller carries on.
func (c *ArticleCache) failed(op string, err error) {
	c.stats.errors.Add(1)
	c.logger.Warn("cache unavailable, using the source", "op", op, "err", err)
}
