package service_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"workbook/capstone/conduit"
	"workbook/capstone/lru"
	"workbook/capstone/memcache"
	"workbook/capstone/memory"
	"workbook/capstone/service"
	"workbook/testinfra"
)

// flaky is a Cache that can be switched off, as a memcached that goes away.
type flaky struct {
	service.Cache
	down atomic.Bool
}

var errDown = errors.New("cache: connection refused")

func (f *flaky) GetMulti(ctx context.Context, keys []string) (map[string][]byte, error) {
	if f.down.Load() {
		return nil, errDown
	}
	return f.Cache.GetMulti(ctx, keys)
}

func (f *flaky) Set(ctx context.Context, key string, v []byte, ttl time.Duration) error {
	if f.down.Load() {
		return errDown
	}
	return f.Cache.Set(ctx, key, v, ttl)
}

func (f *flaky) Add(ctx context.Context, key string, v []byte, ttl time.Duration) (bool, error) {
	if f.down.Load() {
		return false, errDown
	}
	return f.Cache.Add(ctx, key, v, ttl)
}

// cachedWorld is the services over one memory store twice: through the
// cache (what the API uses) and straight (the truth to compare with).
type cachedWorld struct {
	cached    *service.Cached
	cache     *flaky
	articles  *service.Articles
	users     *service.Users
	profiles  *service.Profiles
	direct    *service.Articles
	directPro *service.Profiles
}

func newCachedWorld(c service.Cache, prefix string) cachedWorld {
	mem := memory.New()
	f := &flaky{Cache: c}
	cached := &service.Cached{Cache: f, Prefix: prefix}
	cs := service.CachingStore{Store: mem, Cached: cached}
	return cachedWorld{
		cached: cached, cache: f,
		articles:  &service.Articles{Store: cs},
		users:     &service.Users{Store: cs, Hasher: service.Bcrypt{Cost: 4}},
		profiles:  &service.Profiles{Users: cs, Follows: cs, Cached: cached},
		direct:    &service.Articles{Store: mem},
		directPro: &service.Profiles{Users: mem, Follows: mem},
	}
}

func cacheBackends(t *testing.T) map[string]func(t *testing.T) (service.Cache, string) {
	return map[string]func(t *testing.T) (service.Cache, string){
		"lru": func(*testing.T) (service.Cache, string) { return lru.New(10_000), "" },
		"memcached": func(t *testing.T) (service.Cache, string) {
			env := testinfra.Memcached(t)
			return memcache.New(time.Second, env.Addr), env.Prefix
		},
	}
}

// compare reads everything an anonymous visitor can through the cache and
// straight from the store, and fails on any difference.
func (w cachedWorld) compare(t *testing.T, step string, slugs, users []string) {
	t.Helper()
	ctx := context.Background()
	for _, slug := range slugs {
		got, gerr := w.articles.Article(ctx, 0, slug)
		want, werr := w.direct.Article(ctx, 0, slug)
		if conduit.ErrorCode(gerr) != conduit.ErrorCode(werr) || !cmp.Equal(got, want) {
			t.Fatalf("%s: cached article %s = %+v, %v; the store says %+v, %v", step, slug, got, gerr, want, werr)
		}
	}
	for _, f := range []conduit.ArticleFilter{{Limit: 20}, {Tag: "go", Limit: 5}, {Author: "ann", Limit: 20}, {FavoritedBy: "bob", Limit: 20}} {
		got, gn, gerr := w.articles.Articles(ctx, 0, f)
		want, wn, werr := w.direct.Articles(ctx, 0, f)
		if gerr != nil || werr != nil || gn != wn || !cmp.Equal(got, want) {
			t.Fatalf("%s: cached list %+v = %d of %d (%v); the store says %d of %d (%v)\n%s", step, f, len(got), gn, gerr, len(want), wn, werr, cmp.Diff(want, got))
		}
	}
	gotTags, _ := w.articles.Tags(ctx)
	wantTags, _ := w.direct.Tags(ctx)
	if !cmp.Equal(gotTags, wantTags) {
		t.Fatalf("%s: cached tags %v; the store says %v", step, gotTags, wantTags)
	}
	for _, u := range users {
		got, gerr := w.profiles.Profile(ctx, 0, u)
		want, werr := w.directPro.Profile(ctx, 0, u)
		if conduit.ErrorCode(gerr) != conduit.ErrorCode(werr) || !cmp.Equal(got, want) {
			t.Fatalf("%s: cached profile %s = %+v, %v; the store says %+v, %v", step, u, got, gerr, want, werr)
		}
	}
}

// TestCacheNeverServesStale interleaves every kind of write with reads of
// everything they affect, on the in-process LRU and on memcached, and
// compares each read with the store; half-way it takes the cache down, and
// the reads go on, correct, with no error.
func TestCacheNeverServesStale(t *testing.T) {
	for name, open := range cacheBackends(t) {
		t.Run(name, func(t *testing.T) {
			c, prefix := open(t)
			w := newCachedWorld(c, prefix)
			ctx := context.Background()
			r := rand.New(rand.NewPCG(7, 9))
			ids := map[string]int64{}
			for _, n := range []string{"ann", "bob", "cid"} {
				u, err := w.users.Register(ctx, conduit.NewUser{Username: n, Email: n + "@example.com", Password: "password1"})
				if err != nil {
					t.Fatal(err)
				}
				ids[n] = u.ID
			}
			names := []string{"ann", "bob", "cid", "dee"} // dee registers later: a cached "not found" must not outlive it
			var slugs []string
			w.compare(t, "start", []string{"nothing-yet"}, names)
			for step := range 300 {
				who := names[r.IntN(3)]
				if step == 150 {
					w.cache.down.Store(true)
				}
				if step == 200 {
					w.cache.down.Store(false)
				}
				switch op := r.IntN(8); {
				case op == 0 || len(slugs) == 0:
					a, err := w.articles.CreateArticle(ctx, ids[who], conduit.NewArticle{Title: fmt.Sprintf("Post %d", step), Description: "d", Body: "b", TagList: []string{[]string{"go", "sql", "cache"}[r.IntN(3)]}})
					if err != nil {
						t.Fatal(err)
					}
					slugs = append(slugs, a.Slug)
				case op == 1:
					a, _ := w.direct.Article(ctx, 0, slugs[r.IntN(len(slugs))])
					if a != nil {
						body, tags := fmt.Sprintf("edited at %d", step), []string{"go"}
						if _, err := w.articles.UpdateArticle(ctx, a.AuthorID, a.Slug, conduit.ArticleUpdate{Body: &body, TagList: &tags}); err != nil {
							t.Fatal(err)
						}
					}
				case op == 2:
					a, _ := w.direct.Article(ctx, 0, slugs[r.IntN(len(slugs))])
					if a != nil {
						_ = w.articles.DeleteArticle(ctx, a.AuthorID, a.Slug)
					}
				case op == 3:
					_, _ = w.articles.Favorite(ctx, ids[who], slugs[r.IntN(len(slugs))])
				case op == 4:
					_, _ = w.articles.Unfavorite(ctx, ids[who], slugs[r.IntN(len(slugs))])
				case op == 5:
					bio := fmt.Sprintf("bio %d", step)
					if _, err := w.users.UpdateUser(ctx, ids[who], conduit.UserUpdate{Bio: &bio}); err != nil {
						t.Fatal(err)
					}
				case op == 6 && ids["dee"] == 0:
					u, err := w.users.Register(ctx, conduit.NewUser{Username: "dee", Email: "dee@example.com", Password: "password1"})
					if err != nil {
						t.Fatal(err)
					}
					ids["dee"] = u.ID
				}
				w.compare(t, fmt.Sprintf("step %d", step), slugs, names)
			}
			st := w.cached.Stats()
			t.Logf("%s: %+v", name, st)
			if st.Hits == 0 || st.Errors == 0 {
				t.Errorf("stats %+v: want hits (the cache served reads) and errors (while it was down)", st)
			}
		})
	}
}

// TestCacheConcurrentReadersAndWriters: readers and writers race; once
// they stop, every read through the cache is what the store holds. A reader
// that loaded a value just before a write and stores it just after has
// stored it under the old namespace version, where nobody looks.
func TestCacheConcurrentReadersAndWriters(t *testing.T) {
	for name, open := range cacheBackends(t) {
		t.Run(name, func(t *testing.T) {
			c, prefix := open(t)
			w := newCachedWorld(c, prefix)
			ctx := context.Background()
			ann, err := w.users.Register(ctx, conduit.NewUser{Username: "ann", Email: "ann@example.com", Password: "password1"})
			if err != nil {
				t.Fatal(err)
			}
			a, err := w.articles.CreateArticle(ctx, ann.ID, conduit.NewArticle{Title: "Race", Description: "d", Body: "v0"})
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for range 200 {
						_, _ = w.articles.Article(ctx, 0, a.Slug)
						_, _, _ = w.articles.Articles(ctx, 0, conduit.ArticleFilter{Limit: 20})
						_, _ = w.profiles.Profile(ctx, 0, "ann")
					}
				})
			}
			wg.Go(func() {
				for i := range 100 {
					body, bio := fmt.Sprintf("v%d", i+1), fmt.Sprintf("bio %d", i+1)
					_, _ = w.articles.UpdateArticle(ctx, ann.ID, a.Slug, conduit.ArticleUpdate{Body: &body})
					_, _ = w.users.UpdateUser(ctx, ann.ID, conduit.UserUpdate{Bio: &bio})
				}
			})
			wg.Wait()
			w.compare(t, "after the race", []string{a.Slug}, []string{"ann"})
			if got, _ := w.articles.Article(ctx, 0, a.Slug); got.Body != "v100" || got.Author.Bio != "bio 100" {
				t.Errorf("after the race: body %q, author bio %q; want v100, bio 100", got.Body, got.Author.Bio)
			}
		})
	}
}

// TestCacheLoadsOncePerMiss: concurrent anonymous reads of one cold article
// reach the store once (singleflight), and a second read is a hit.
func TestCacheLoadsOncePerMiss(t *testing.T) {
	mem := memory.New()
	counting := &countingStore{Store: mem}
	cached := &service.Cached{Cache: lru.New(100)}
	cs := service.CachingStore{Store: counting, Cached: cached}
	users := &service.Users{Store: cs, Hasher: service.Bcrypt{Cost: 4}}
	articles := &service.Articles{Store: cs}
	ctx := context.Background()
	u, _ := users.Register(ctx, conduit.NewUser{Username: "ann", Email: "ann@example.com", Password: "password1"})
	a, err := articles.CreateArticle(ctx, u.ID, conduit.NewArticle{Title: "Cold", Description: "d", Body: "b"})
	if err != nil {
		t.Fatal(err)
	}
	counting.gate = make(chan struct{})
	counting.bySlug.Store(0)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { _, _ = articles.Article(ctx, 0, a.Slug) })
	}
	// Every reader counts its miss just before it joins the flight; once all
	// eight have, only a few instructions separate the last from Do, and the
	// first load is still held at the gate.
	for cached.Stats().Misses < 8 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	close(counting.gate)
	wg.Wait()
	if n := counting.bySlug.Load(); n != 1 {
		t.Errorf("8 concurrent cold reads loaded the article %d times, want 1", n)
	}
	_, _ = articles.Article(ctx, 0, a.Slug)
	if n := counting.bySlug.Load(); n != 1 {
		t.Errorf("a read after the fill loaded again (%d loads), want a hit", n)
	}
}

type countingStore struct {
	service.Store
	gate   chan struct{}
	bySlug atomic.Int64
}

func (s *countingStore) ArticleBySlug(ctx context.Context, viewerID int64, slug string) (*conduit.Article, error) {
	if viewerID == 0 {
		s.bySlug.Add(1)
		if s.gate != nil {
			<-s.gate
		}
	}
	return s.Store.ArticleBySlug(ctx, viewerID, slug)
}

// countingCache counts the keys asked of the shared cache.
type countingCache struct {
	service.Cache
	mu    sync.Mutex
	asked map[string]int
}

func (c *countingCache) GetMulti(ctx context.Context, keys []string) (map[string][]byte, error) {
	c.mu.Lock()
	for _, k := range keys {
		c.asked[k]++
	}
	c.mu.Unlock()
	return c.Cache.GetMulti(ctx, keys)
}

// TestNearCacheSkipsTheSharedEntryUntilAWrite: a second anonymous read of
// one article asks the shared cache for the namespace versions only, not
// for the entry (the near copy serves it); after a write the near copy is
// under an old version and is not used, so the new text is read.
func TestNearCacheSkipsTheSharedEntryUntilAWrite(t *testing.T) {
	cc := &countingCache{Cache: lru.New(1000), asked: map[string]int{}}
	w := newCachedWorld(cc, "")
	ctx := context.Background()
	ann, err := w.users.Register(ctx, conduit.NewUser{Username: "ann", Email: "ann@example.com", Password: "password1"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := w.articles.CreateArticle(ctx, ann.ID, conduit.NewArticle{Title: "Near", Description: "d", Body: "one"})
	if err != nil {
		t.Fatal(err)
	}
	entries := func() int {
		cc.mu.Lock()
		defer cc.mu.Unlock()
		n := 0
		for k, v := range cc.asked {
			if strings.HasPrefix(k, "v:") {
				n += v
			}
		}
		return n
	}
	for range 3 {
		if _, err := w.articles.Article(ctx, 0, a.Slug); err != nil {
			t.Fatal(err)
		}
	}
	if n := entries(); n != 1 {
		t.Errorf("three reads asked the shared cache for an entry %d times, want 1 (the first miss)", n)
	}
	if _, err := w.articles.UpdateArticle(ctx, ann.ID, a.Slug, conduit.ArticleUpdate{Body: ptr("two")}); err != nil {
		t.Fatal(err)
	}
	got, err := w.articles.Article(ctx, 0, a.Slug)
	if err != nil || got.Body != "two" {
		t.Errorf("after the update, the cached read says %q (%v), want two", got.Body, err)
	}
}

func ptr[T any](v T) *T { return &v }
