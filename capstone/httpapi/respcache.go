package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// responseCache keeps rendered anonymous article reads — the JSON and its
// ETag — under the data version they were rendered at (Config.ReadVersion)
// and the request's own key. A write changes the version, so a response
// is never served after the data it shows changed; until then a hit skips
// the service, the conversion and the encoding, the bulk of a list read.
type responseCache struct {
	version func(context.Context) (string, bool)
	size    int
	ttl     time.Duration

	mu      sync.RWMutex
	entries map[string]rendered
}

type rendered struct {
	body         []byte   // shared by every hit: never modified
	etag, length []string // the header values, made once
	expires      time.Time
}

func newResponseCache(version func(context.Context) (string, bool)) *responseCache {
	if version == nil {
		return nil
	}
	return &responseCache{version: version, size: 512, ttl: time.Minute, entries: map[string]rendered{}}
}

// serve answers r from the cache and reports whether it did; otherwise it
// returns the key to keep the response under ("" when the version is
// unknown: keep nothing).
func (c *responseCache) serve(w http.ResponseWriter, r *http.Request, key string) (bool, string) {
	if c == nil {
		return false, ""
	}
	v, ok := c.version(r.Context())
	if !ok {
		return false, ""
	}
	key = v + "\x00" + key
	c.mu.RLock()
	e, hit := c.entries[key]
	c.mu.RUnlock()
	if !hit || !time.Now().Before(e.expires) {
		return false, key
	}
	writePrepared(w, r, http.StatusOK, e.body, e.etag, e.length)
	return true, ""
}

// keep stores a rendered 200 under key (from serve). When full it drops
// an arbitrary entry: ones under old versions are dead anyway.
func (c *responseCache) keep(key string, body []byte, etag string) {
	if c == nil || key == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.size {
		for k := range c.entries {
			delete(c.entries, k)
			break
		}
	}
	c.entries[key] = rendered{body: body, etag: []string{etag}, length: []string{strconv.Itoa(len(body))}, expires: time.Now().Add(c.ttl)}
}
