//go:build solution

package taginvalidation

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// versionKey is where tag's current version lives.
func versionKey(tag string) string { return "tag:" + tag }

// newVersion is a version no entry can carry yet. A counter restarting at
// 1 would, after the version key is evicted or the server restarts, make
// entries written under the old "1" reachable again.
func newVersion() string { return strconv.FormatUint(rand.Uint64(), 36) }

// version reads tag's version, creating one when it has none (first use,
// or evicted). Add, not Set: when two servers create it at once, both
// end up with the one that was stored.
func (c *Tagged) version(tag string) (string, error) {
	k := versionKey(tag)
	v, ok, err := c.Cache.Get(k)
	if err != nil {
		return "", err // a failing cache is not a missing version
	}
	if ok {
		return string(v), nil
	}
	nv := newVersion()
	err = c.Cache.Add(k, []byte(nv), 0)
	if errors.Is(err, ErrNotStored) {
		// Another server created it between our Get and Add: use theirs.
		v, ok, err := c.Cache.Get(k)
		if err != nil {
			return "", err
		}
		if !ok {
			return "", fmt.Errorf("version of tag %q vanished while it was created", tag)
		}
		return string(v), nil
	}
	if err != nil {
		return "", err
	}
	return nv, nil
}

// entryKey is key under the current versions of tags: a hash, so that any
// number of tags fits memcached's 250 bytes.
func (c *Tagged) entryKey(key string, tags []string) (string, error) {
	tags = slices.Clone(tags)
	slices.Sort(tags)
	tags = slices.Compact(tags)
	h := sha256.New()
	h.Write([]byte(key))
	for _, t := range tags {
		v, err := c.version(t)
		if err != nil {
			return "", err
		}
		// NUL never appears in a memcached key, so the parts cannot run together.
		fmt.Fprintf(h, "\x00%s\x00%s", t, v)
	}
	return "entry:" + hex.EncodeToString(h.Sum(nil)), nil
}

// Get looks key up under the current versions of tags (a set: order and
// repeats do not matter), creating the version of a tag that has none.
func (c *Tagged) Get(key string, tags ...string) (Lookup, error) {
	k, err := c.entryKey(key, tags)
	if err != nil {
		return Lookup{}, err
	}
	v, ok, err := c.Cache.Get(k)
	if err != nil {
		return Lookup{}, err
	}
	return Lookup{Value: v, Hit: ok, Key: k}, nil
}

// Fill stores value under l.Key, the entry key that Get computed before
// the value was loaded: a value loaded before an invalidation lands under
// the old versions, where no reader looks any more.
func (c *Tagged) Fill(l Lookup, value []byte, ttl time.Duration) error {
	if l.Key == "" {
		return errors.New("fill: the lookup has no key (Get failed?)")
	}
	return c.Cache.Set(l.Key, value, ttl)
}

// Invalidate makes every entry carrying tag miss from now on: a new
// version, whether or not the old one is still in the cache. (memcached's
// incr would fail on an evicted version and leave nothing to bump.)
func (c *Tagged) Invalidate(tag string) error {
	return c.Cache.Set(versionKey(tag), []byte(newVersion()), 0)
}
