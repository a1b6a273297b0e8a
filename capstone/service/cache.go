package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"workbook/capstone/conduit"
	"workbook/capstone/nearcache"
)

// Cache is the port of a shared byte cache (memcached, or an in-process
// LRU). Keys are at most 250 bytes of printable ASCII, memcached's rule.
// GetMulti returns only the keys it has; a miss is not an error. Add stores
// only when the key is absent and reports whether it did. A ttl of 0 means
// no expiry (the entry may still be evicted).
type Cache interface {
	GetMulti(ctx context.Context, keys []string) (map[string][]byte, error)
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	Add(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error)
}

// Cached reads through a Cache with cache-aside, and keeps it correct with
// namespace versions: every entry names the namespaces it depends on
// ("articles", "users"), each namespace has a random version stored in the
// cache, and an entry's key includes those versions. A write bumps its
// namespace's version, so every entry that depended on it is never read
// again — including an entry that a reader was filling from a value it
// loaded just before the write, because that reader took the versions
// before it loaded. Concurrent misses of one key load once (singleflight);
// a cache that fails is skipped, never an error for the caller.
type Cached struct {
	Cache       Cache
	Prefix      string        // in front of every key: one cache, several apps
	TTL         time.Duration // of an entry; 0: 5 minutes
	NegativeTTL time.Duration // of a "not found"; 0: 30 seconds

	// NearSize bounds the near cache: this process's decoded copies of
	// entries, by versioned key (0: 1024; negative: none). A versioned key
	// names the namespace versions current when it was computed, so a
	// near entry is used only while the shared cache still holds those
	// versions: it is never staler than the shared cache, and a hit skips
	// fetching and decoding the entry (for a page of 20 articles, most of
	// the cost of a cached read). Values are shared by every caller that
	// hits them: callers must not modify what readThrough returns.
	NearSize int

	flight               singleflight.Group
	hits, misses, errors atomic.Int64

	nearOnce sync.Once
	near     *nearcache.Map[any] // of cachedValue[T]s; nil: NearSize < 0

	readKeysOnce sync.Once
	readKeys     []string // the version keys of articleReads, under Prefix

	// pending are namespaces whose bump failed (the cache was down during
	// a write). Until a retry succeeds, entries under their old version may
	// still be in the cache, so reads that depend on them skip it.
	mu       sync.Mutex
	pending  map[string]bool
	nPending atomic.Int32 // len(pending), read without the lock on every read
}

// CacheStats are the counters of a Cached since it started.
type CacheStats struct{ Hits, Misses, Errors int64 }

// Stats returns the hit, miss and error counts.
func (c *Cached) Stats() CacheStats {
	return CacheStats{c.hits.Load(), c.misses.Load(), c.errors.Load()}
}

// cachedValue is what an entry holds: the value, or the code and message
// of a not-found (negative caching), so a stream of requests for a missing
// article does not reach the store each time either.
type cachedValue[T any] struct {
	Value    T      `json:"v,omitempty"`
	NotFound string `json:"nf,omitempty"`
}

// result is the value, or the not-found it records.
func (v cachedValue[T]) result() (T, error) {
	if v.NotFound != "" {
		var zero T
		return zero, conduit.Errorf(conduit.ENOTFOUND, "%s", v.NotFound)
	}
	return v.Value, nil
}

// nearMap is the near cache, made on first use (nil: none).
func (c *Cached) nearMap() *nearcache.Map[any] {
	c.nearOnce.Do(func() {
		switch {
		case c.NearSize == 0:
			c.near = nearcache.New[any](1024)
		case c.NearSize > 0:
			c.near = nearcache.New[any](c.NearSize)
		}
	})
	return c.near
}

func (c *Cached) nearGet(key string) (any, bool) {
	if m := c.nearMap(); m != nil {
		return m.Get(key)
	}
	return nil, false
}

func (c *Cached) nearSet(key string, v any, ttl time.Duration) {
	if m := c.nearMap(); m != nil {
		m.Set(key, v, ttl)
	}
}

// readThrough returns the value under key, loading and storing it on a
// miss. namespaces are what the value depends on.
func readThrough[T any](ctx context.Context, c *Cached, key string, namespaces []string, load func(context.Context) (T, error)) (T, error) {
	if c == nil || c.Cache == nil {
		return load(ctx)
	}
	if !c.settled(ctx, namespaces) {
		c.errors.Add(1)
		return load(ctx)
	}
	versioned, err := c.versionedKey(ctx, key, namespaces)
	if err != nil {
		c.errors.Add(1)
		return load(ctx)
	}
	if v, ok := c.nearGet(versioned); ok {
		c.hits.Add(1)
		return v.(cachedValue[T]).result()
	}
	if got, err := c.Cache.GetMulti(ctx, []string{versioned}); err != nil {
		c.errors.Add(1)
	} else if b, ok := got[versioned]; ok {
		var v cachedValue[T]
		if json.Unmarshal(b, &v) == nil {
			c.hits.Add(1)
			c.nearSet(versioned, v, c.ttl())
			return v.result()
		}
	}
	c.misses.Add(1)
	// One load per versioned key at a time; its context is not the first
	// caller's, so that caller giving up does not fail the others.
	out, err, _ := c.flight.Do(versioned, func() (any, error) {
		v, err := load(context.WithoutCancel(ctx))
		entry, ttl := cachedValue[T]{Value: v}, c.ttl()
		if conduit.ErrorCode(err) == conduit.ENOTFOUND {
			entry, ttl = cachedValue[T]{NotFound: conduit.ErrorMessage(err)}, c.negativeTTL()
		} else if err != nil {
			return v, err // other errors are not cached
		}
		if b, merr := json.Marshal(entry); merr == nil {
			if serr := c.Cache.Set(ctx, versioned, b, ttl); serr != nil {
				c.errors.Add(1)
			} else {
				c.nearSet(versioned, entry, ttl)
			}
		}
		return v, err
	})
	v, _ := out.(T)
	return v, err
}

// versionedKey is prefix + a hash of key and the current version of each
// namespace, creating a version the cache does not hold (first use, or
// evicted: a new random one, so nothing stored under the old one is read).
func (c *Cached) versionedKey(ctx context.Context, key string, namespaces []string) (string, error) {
	vkeys := make([]string, len(namespaces))
	for i, ns := range namespaces {
		vkeys[i] = c.Prefix + "ns:" + ns
	}
	got, err := c.Cache.GetMulti(ctx, vkeys)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(key))
	for _, vk := range vkeys {
		v, ok := got[vk]
		if !ok {
			fresh := newVersion()
			added, err := c.Cache.Add(ctx, vk, fresh, 0)
			if err != nil {
				return "", err
			}
			if v = fresh; !added { // another reader created it first: use theirs
				again, err := c.Cache.GetMulti(ctx, []string{vk})
				if err != nil {
					return "", err
				}
				if v, ok = again[vk]; !ok {
					return "", errors.New("service: cache lost a namespace version just written")
				}
			}
		}
		h.Write([]byte{0})
		h.Write(v)
	}
	return c.Prefix + "v:" + hex.EncodeToString(h.Sum(nil)), nil
}

// invalidate gives each namespace a new version. When the cache refuses,
// the namespace is remembered as pending: reads that depend on it go to the
// store, and every read retries the bump, until one succeeds.
func (c *Cached) invalidate(ctx context.Context, namespaces ...string) {
	if c == nil || c.Cache == nil {
		return
	}
	for _, ns := range namespaces {
		if err := c.Cache.Set(ctx, c.Prefix+"ns:"+ns, newVersion(), 0); err != nil {
			c.errors.Add(1)
			c.mu.Lock()
			if c.pending == nil {
				c.pending = map[string]bool{}
			}
			c.pending[ns] = true
			c.nPending.Store(int32(len(c.pending)))
			c.mu.Unlock()
		}
	}
}

// settled retries the pending bumps and reports whether none of namespaces
// is still pending.
func (c *Cached) settled(ctx context.Context, namespaces []string) bool {
	if c.nPending.Load() == 0 {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for ns := range c.pending {
		if c.Cache.Set(ctx, c.Prefix+"ns:"+ns, newVersion(), 0) == nil {
			delete(c.pending, ns)
		}
	}
	c.nPending.Store(int32(len(c.pending)))
	for _, ns := range namespaces {
		if c.pending[ns] {
			return false
		}
	}
	return true
}

func (c *Cached) ttl() time.Duration {
	if c.TTL > 0 {
		return c.TTL
	}
	return 5 * time.Minute
}

func (c *Cached) negativeTTL() time.Duration {
	if c.NegativeTTL > 0 {
		return c.NegativeTTL
	}
	return 30 * time.Second
}

func newVersion() []byte {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return []byte(hex.EncodeToString(b))
}

// articleReads are the namespaces an anonymous article read depends on.
var articleReads = []string{nsArticles, nsUsers}

// ArticleReadsVersion returns a token that changes with every write that
// can change what an anonymous article or list read shows, for a cache
// of rendered responses above the service. Take it before the read: a
// response kept under it is then at least as new as the token. ok is
// false when the cache cannot tell (unreachable, or a bump pending):
// keep nothing then.
func (c *Cached) ArticleReadsVersion(ctx context.Context) (token string, ok bool) {
	if c == nil || c.Cache == nil || !c.settled(ctx, articleReads) {
		return "", false
	}
	// The versions themselves are the token: no hash needed, since the
	// token is only compared, never stored in the shared cache.
	c.readKeysOnce.Do(func() { c.readKeys = []string{c.Prefix + "ns:" + nsArticles, c.Prefix + "ns:" + nsUsers} })
	keys := c.readKeys
	got, err := c.Cache.GetMulti(ctx, keys)
	if err == nil && len(got) == len(keys) {
		return string(got[keys[0]]) + "." + string(got[keys[1]]), true
	}
	// A version is missing (first use, or evicted): versionedKey creates it.
	v, err := c.versionedKey(ctx, "", articleReads)
	if err != nil {
		c.errors.Add(1)
		return "", false
	}
	return v, true
}
