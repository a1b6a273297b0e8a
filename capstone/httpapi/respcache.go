package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"workbook/capstone/nearcache"
)

// responseCache keeps rendered anonymous article reads — the JSON and its
// ETag — under the data version they were rendered at (Config.ReadVersion)
// and the request's own key. A write changes the version, so a response
// is never served after the data it shows changed; until then a hit skips
// the service, the conversion and the encoding, the bulk of a list read.
type responseCache struct {
	version func(context.Context) (string, bool)
	ttl     time.Duration
	kept    *nearcache.Map[rendered]
}

type rendered struct {
	body         []byte   // shared by every hit: never modified
	etag, length []string // the header values, made once
}

func newResponseCache(version func(context.Context) (string, bool)) *responseCache {
	if version == nil {
		return nil
	}
	return &responseCache{version: version, ttl: time.Minute, kept: nearcache.New[rendered](512)}
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
	e, hit := c.kept.Get(key)
	if !hit {
		return false, key
	}
	writePrepared(w, r, http.StatusOK, e.body, e.etag, e.length)
	return true, ""
}

// keeping reports whether a response under key (from serve) would be kept.
func (c *responseCache) keeping(key string) bool { return c != nil && key != "" }

// keep stores a rendered 200 under key (from serve).
func (c *responseCache) keep(key string, body []byte, etag string) {
	if !c.keeping(key) {
		return
	}
	c.kept.Set(key, rendered{body: body, etag: []string{etag}, length: []string{strconv.Itoa(len(body))}}, c.ttl)
}
