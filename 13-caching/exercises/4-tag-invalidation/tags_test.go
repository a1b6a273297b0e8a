package taginvalidation

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

var errCacheDown = errors.New("cache: i/o timeout")

type item struct {
	value []byte
	ttl   time.Duration
}

// fakeCache is an in-memory Cache with memcached's key rules, eviction on
// demand and injectable failures.
type fakeCache struct {
	mu      sync.Mutex
	m       map[string]item
	failGet func(key string) bool // which Gets fail; nil: none
	failSet bool
	failAdd bool
	// addNotStored makes Add answer NOT_STORED and store nothing: another
	// server won the race and its version was evicted at once.
	addNotStored bool
	gets         int
	adds         int
	beforeAdd    func(c *fakeCache, key string) // runs (unlocked) before Add looks at key
}

func newFakeCache() *fakeCache { return &fakeCache{m: map[string]item{}} }

// legal is memcached's key rule (gomemcache's legalKey).
func legal(key string) error {
	if len(key) == 0 || len(key) > 250 {
		return fmt.Errorf("malformed key %q: %d bytes, want 1 to 250", key, len(key))
	}
	for _, r := range []byte(key) {
		if r <= ' ' || r == 0x7f {
			return fmt.Errorf("malformed key %q: a space or control character", key)
		}
	}
	return nil
}

func (c *fakeCache) Get(key string) ([]byte, bool, error) {
	if err := legal(key); err != nil {
		return nil, false, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gets++
	if c.failGet != nil && c.failGet(key) {
		return nil, false, errCacheDown
	}
	it, ok := c.m[key]
	return it.value, ok, nil
}

func (c *fakeCache) Set(key string, value []byte, ttl time.Duration) error {
	if err := legal(key); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failSet {
		return errCacheDown
	}
	c.m[key] = item{append([]byte(nil), value...), ttl}
	return nil
}

func (c *fakeCache) Add(key string, value []byte, ttl time.Duration) error {
	if err := legal(key); err != nil {
		return err
	}
	if c.beforeAdd != nil {
		c.beforeAdd(c, key)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.adds++
	if c.failAdd {
		return errCacheDown
	}
	if _, ok := c.m[key]; ok || c.addNotStored {
		return ErrNotStored
	}
	c.m[key] = item{append([]byte(nil), value...), ttl}
	return nil
}

// evict drops key, as memcached does under memory pressure.
func (c *fakeCache) evict(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
}

func (c *fakeCache) get(key string) (item, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.m[key]
	return it, ok
}

const edit = "(edit exercises/4-tag-invalidation/tags.go)"

// lookup calls Get and fails the test on an error.
func lookup(t *testing.T, c *Tagged, key string, tags ...string) Lookup {
	t.Helper()
	l, err := c.Get(key, tags...)
	if err != nil {
		t.Fatalf("Get(%q, %q) = %v %s", key, tags, err, edit)
	}
	return l
}

// fill looks key up, wants a miss, and fills it with value.
func fill(t *testing.T, c *Tagged, key, value string, tags ...string) {
	t.Helper()
	l := lookup(t, c, key, tags...)
	if l.Hit {
		t.Fatalf("Get(%q, %q) before any Fill = hit %q, want a miss", key, tags, l.Value)
	}
	if l.Key == "" {
		t.Fatalf("Get(%q, %q) returned no Key to fill under %s", key, tags, edit)
	}
	if err := c.Fill(l, []byte(value), time.Minute); err != nil {
		t.Fatalf("Fill(%q) = %v %s", key, err, edit)
	}
}

func wantHit(t *testing.T, c *Tagged, key, value string, tags ...string) {
	t.Helper()
	if l := lookup(t, c, key, tags...); !l.Hit || string(l.Value) != value {
		t.Errorf("Get(%q, %q) = hit %v, %q; want a hit %q %s", key, tags, l.Hit, l.Value, value, edit)
	}
}

func wantMiss(t *testing.T, c *Tagged, key string, why string, tags ...string) {
	t.Helper()
	if l := lookup(t, c, key, tags...); l.Hit {
		t.Errorf("Get(%q, %q) = hit %q; want a miss: %s %s", key, tags, l.Value, why, edit)
	}
}

func TestFillThenHit(t *testing.T) {
	c := &Tagged{Cache: newFakeCache()}
	fill(t, c, "article:1", "one", "author:7", "topic:go")
	wantHit(t, c, "article:1", "one", "author:7", "topic:go")
	wantHit(t, c, "article:1", "one", "topic:go", "author:7", "topic:go") // tags are a set
	wantMiss(t, c, "article:2", "another key with the same tags", "author:7", "topic:go")
	wantMiss(t, c, "article:1", "the same key with fewer tags", "author:7")

	fill(t, c, "untagged", "plain")
	wantHit(t, c, "untagged", "plain")
}

func TestInvalidateMissesEveryEntryCarryingTheTag(t *testing.T) {
	c := &Tagged{Cache: newFakeCache()}
	entries := []struct {
		key  string
		tags []string
	}{
		{"article:1", []string{"author:7", "topic:go"}},
		{"article:2", []string{"author:7"}},
		{"article:3", []string{"topic:go", "topic:db"}},
		{"article:4", []string{"topic:db"}},
		{"article:5", nil},
	}
	for _, e := range entries {
		fill(t, c, e.key, "v-"+e.key, e.tags...)
	}
	for _, step := range []struct {
		tag  string
		live []string // keys still hits after invalidating tag
	}{
		{"topic:go", []string{"article:2", "article:4", "article:5"}},
		{"author:7", []string{"article:4", "article:5"}},
		{"nobody", []string{"article:4", "article:5"}},
	} {
		if err := c.Invalidate(step.tag); err != nil {
			t.Fatalf("Invalidate(%q) = %v %s", step.tag, err, edit)
		}
		for _, e := range entries {
			live := false
			for _, k := range step.live {
				live = live || k == e.key
			}
			if live {
				wantHit(t, c, e.key, "v-"+e.key, e.tags...)
			} else {
				wantMiss(t, c, e.key, "after Invalidate("+step.tag+")", e.tags...)
			}
		}
	}
	// Refilled under the new versions, the entry is a hit again.
	fill(t, c, "article:1", "new", "author:7", "topic:go")
	wantHit(t, c, "article:1", "new", "topic:go", "author:7")
}

// TestFillAfterInvalidateIsUnreachable: a reader looks up, loads the old
// value slowly, an invalidation happens, then the reader fills. The old
// value must land where nobody looks.
func TestFillAfterInvalidateIsUnreachable(t *testing.T) {
	c := &Tagged{Cache: newFakeCache()}
	l := lookup(t, c, "article:1", "author:7", "topic:go")
	if err := c.Invalidate("topic:go"); err != nil {
		t.Fatalf("Invalidate = %v %s", err, edit)
	}
	if err := c.Fill(l, []byte("loaded before the invalidation"), time.Minute); err != nil {
		t.Fatalf("Fill = %v %s", err, edit)
	}
	wantMiss(t, c, "article:1", "Fill stores under the versions Get saw, not the current ones", "author:7", "topic:go")
}

// TestEvictedVersionNeverServesStale evicts a tag's version key, again and
// again, also with a second Tagged standing for another (or a restarted)
// server: a version created afresh must never be one used before.
func TestEvictedVersionNeverServesStale(t *testing.T) {
	fc := newFakeCache()
	servers := []*Tagged{{Cache: fc}, {Cache: fc}}
	for i := range 20 {
		s := servers[i%2]
		value := fmt.Sprintf("written in round %d", i)
		fill(t, s, "article:1", value, "topic:go", "author:7")
		wantHit(t, servers[(i+1)%2], "article:1", value, "topic:go", "author:7")
		fc.evict("tag:topic:go")
		wantMiss(t, servers[(i+1)%2], "article:1", fmt.Sprintf("round %d: the version of topic:go was evicted, so the entry's age is unknown", i), "topic:go", "author:7")
		fill(t, s, "article:1", value+", refilled", "topic:go", "author:7")
		if err := s.Invalidate("author:7"); err != nil {
			t.Fatalf("Invalidate = %v %s", err, edit)
		}
		fc.evict("tag:author:7")
		wantMiss(t, s, "article:1", fmt.Sprintf("round %d: invalidated, then the version of author:7 was evicted", i), "topic:go", "author:7")
	}
}

func TestInvalidateWithoutAVersion(t *testing.T) {
	fc := newFakeCache()
	c := &Tagged{Cache: fc}
	fill(t, c, "article:1", "one", "topic:go")
	fc.evict("tag:topic:go")
	if err := c.Invalidate("topic:go"); err != nil {
		t.Fatalf("Invalidate of a tag whose version was evicted = %v, want nil %s", err, edit)
	}
	wantMiss(t, c, "article:1", "invalidated", "topic:go")
	fill(t, c, "article:1", "two", "topic:go")
	wantHit(t, c, "article:1", "two", "topic:go")
}

func TestVersionsLiveInTheCacheWithoutExpiry(t *testing.T) {
	fc := newFakeCache()
	c := &Tagged{Cache: fc}
	fill(t, c, "article:1", "one", "topic:go", "author:7")
	if err := c.Invalidate("topic:db"); err != nil {
		t.Fatalf("Invalidate = %v %s", err, edit)
	}
	for _, tag := range []string{"topic:go", "author:7", "topic:db"} {
		it, ok := fc.get("tag:" + tag)
		if !ok || len(it.value) == 0 || it.ttl != 0 {
			t.Errorf("cache key %q = %q (present %v) with ttl %v; want a version stored with ttl 0 (no expiry) %s", "tag:"+tag, it.value, ok, it.ttl, edit)
		}
	}
}

// TestVersionCreatedByAnotherServer: between this server's Get of a
// missing version and its Add, another server adds one. Both must use the
// one stored, or their entries never meet.
func TestVersionCreatedByAnotherServer(t *testing.T) {
	fc := newFakeCache()
	fc.beforeAdd = func(c *fakeCache, key string) {
		c.beforeAdd = nil
		if err := c.Set(key, []byte("theirs"), 0); err != nil {
			t.Errorf("Set = %v", err)
		}
	}
	a, b := &Tagged{Cache: fc}, &Tagged{Cache: fc}
	fill(t, a, "article:1", "one", "topic:go")
	if it, _ := fc.get("tag:topic:go"); string(it.value) != "theirs" {
		t.Errorf("version of topic:go = %q, want \"theirs\": Add must not overwrite %s", it.value, edit)
	}
	wantHit(t, b, "article:1", "one", "topic:go")
}

// TestVersionVanishesDuringCreation: Add says NOT_STORED (another server
// created the version) but the re-read misses (it was evicted at once).
// Either an error or a miss is fine; a version nobody can vouch for must
// never make an old entry a hit.
func TestVersionVanishesDuringCreation(t *testing.T) {
	fc := newFakeCache()
	c := &Tagged{Cache: fc}
	fill(t, c, "article:1", "one", "topic:go")
	fc.evict("tag:topic:go")
	fc.addNotStored = true
	for round := range 2 {
		l, err := c.Get("article:1", "topic:go")
		if err != nil {
			continue
		}
		if l.Hit {
			t.Fatalf("round %d: Get while the version cannot be stored = hit %q, want an error or a miss %s", round, l.Value, edit)
		}
		if err := c.Fill(l, []byte("filled under a version that was never stored"), time.Minute); err != nil {
			t.Fatalf("Fill = %v", err)
		}
	}
	fc.addNotStored = false
	wantMiss(t, c, "article:1", "the version was evicted", "topic:go")
}

func TestLongKeysFitMemcached(t *testing.T) {
	fc := newFakeCache()
	c := &Tagged{Cache: fc}
	var tags []string
	for i := range 30 {
		tags = append(tags, fmt.Sprintf("collection:%020d", i))
	}
	key := "article:" + strings.Repeat("x", 200)
	fill(t, c, key, "long", tags...)
	l := lookup(t, c, key, tags...)
	if err := legal(l.Key); err != nil || !l.Hit {
		t.Errorf("with 30 tags: Key %q (%v), hit %v; want a legal memcached key and a hit %s", l.Key, err, l.Hit, edit)
	}
}

func TestCacheFailures(t *testing.T) {
	for _, tc := range []struct {
		name string
		fail func(key string) bool
	}{
		{"every get fails", func(string) bool { return true }},
		{"version gets fail", func(k string) bool { return strings.HasPrefix(k, "tag:") }},
		{"entry gets fail", func(k string) bool { return !strings.HasPrefix(k, "tag:") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fc := newFakeCache()
			c := &Tagged{Cache: fc}
			fill(t, c, "article:1", "one", "topic:go")
			fc.failGet = tc.fail
			adds := fc.adds
			if l, err := c.Get("article:1", "topic:go"); !errors.Is(err, errCacheDown) {
				t.Errorf("Get with a failing cache = %+v, %v; want the cache's error %v %s", l, err, errCacheDown, edit)
			}
			if fc.adds != adds {
				t.Errorf("Get with a failing cache called Add: a failed read is not a missing version %s", edit)
			}
		})
	}
	t.Run("re-read after a lost race fails", func(t *testing.T) {
		fc := newFakeCache()
		c := &Tagged{Cache: fc}
		fill(t, c, "article:1", "one")
		fc.beforeAdd = func(c *fakeCache, key string) {
			c.beforeAdd = nil
			_ = c.Set(key, []byte("theirs"), 0)
			c.mu.Lock()
			c.failGet = func(k string) bool { return strings.HasPrefix(k, "tag:") }
			c.mu.Unlock()
		}
		if l, err := c.Get("article:1", "topic:go"); !errors.Is(err, errCacheDown) {
			t.Errorf("Get when re-reading the winner's version fails = %+v, %v; want the cache's error %v %s", l, err, errCacheDown, edit)
		}
	})
	t.Run("add fails", func(t *testing.T) {
		fc := newFakeCache()
		c := &Tagged{Cache: fc}
		fill(t, c, "article:1", "one")
		fc.failAdd = true
		if l, err := c.Get("article:1", "topic:go"); !errors.Is(err, errCacheDown) {
			t.Errorf("Get when creating a version fails = %+v, %v; want the cache's error %v %s", l, err, errCacheDown, edit)
		}
	})
	t.Run("set fails", func(t *testing.T) {
		fc := newFakeCache()
		c := &Tagged{Cache: fc}
		l := lookup(t, c, "article:1", "topic:go")
		fc.failSet = true
		if err := c.Fill(l, []byte("one"), time.Minute); !errors.Is(err, errCacheDown) {
			t.Errorf("Fill with a failing cache = %v, want %v %s", err, errCacheDown, edit)
		}
		if err := c.Invalidate("topic:go"); !errors.Is(err, errCacheDown) {
			t.Errorf("Invalidate with a failing cache = %v, want %v: a lost invalidation must be reported %s", err, errCacheDown, edit)
		}
	})
	t.Run("fill without a lookup", func(t *testing.T) {
		fc := newFakeCache()
		c := &Tagged{Cache: fc}
		fill(t, c, "article:1", "one")
		if err := c.Fill(Lookup{}, []byte("one"), time.Minute); err == nil {
			t.Errorf("Fill(Lookup{}) = nil, want an error: a zero Lookup has no key %s", edit)
		}
	})
}
