package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bradfitz/gomemcache/memcache"

	"workbook/testinfra"
)

// newTestServer returns the chapter's handler over a cache at addr.
func newTestServer(t testing.TB, addr, prefix string, latency time.Duration) (*ArticleCache, http.Handler) {
	t.Helper()
	store := NewStore(latency)
	seed(store)
	mc := memcache.New(addr)
	mc.Timeout = 200 * time.Millisecond
	c := NewArticleCache(mc, store, CacheConfig{Prefix: prefix, TTL: time.Minute, NegativeTTL: 5 * time.Second, Jitter: 0.1}, slog.New(slog.DiscardHandler))
	return c, watchErrors(t, routes(c, 30*time.Second, slog.New(slog.DiscardHandler)))
}

func do(h http.Handler, method, target, body string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func stats(t *testing.T, h http.Handler) StatsSnapshot {
	t.Helper()
	var s StatsSnapshot
	if err := json.Unmarshal(do(h, "GET", "/stats", "").Body.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCacheAsideHitMissAndWriteThrough(t *testing.T) {
	env := testinfra.Memcached(t)
	_, h := newTestServer(t, env.Addr, env.Prefix, 0)
	for i := range 3 {
		if w := do(h, "GET", "/articles/hello-cache", ""); w.Code != 200 {
			t.Fatalf("read %d: status %d", i, w.Code)
		}
	}
	if s := stats(t, h); s.Hits != 2 || s.Misses != 1 || s.SourceLoads != 1 {
		t.Errorf("after 3 reads stats = %+v, want 2 hits, 1 miss, 1 load", s)
	}
	if w := do(h, "PUT", "/articles/hello-cache", `{"title":"New","body":"b"}`, "Content-Type", "application/json"); w.Code != 200 {
		t.Fatalf("PUT status %d: %s", w.Code, w.Body)
	}
	w := do(h, "GET", "/articles/hello-cache", "")
	if !strings.Contains(w.Body.String(), `"New"`) {
		t.Errorf("read after write-through = %s, want the new title", w.Body)
	}
	if s := stats(t, h); s.SourceLoads != 1 {
		t.Errorf("read after PUT loaded from the source (%d loads), want a hit", s.SourceLoads)
	}
	do(h, "DELETE", "/articles/hello-cache", "")
	if w := do(h, "GET", "/articles/hello-cache", ""); w.Code != 404 {
		t.Errorf("read after DELETE: status %d, want 404", w.Code)
	}
}

func TestNegativeCachingAndNamespaceInvalidation(t *testing.T) {
	env := testinfra.Memcached(t)
	c, h := newTestServer(t, env.Addr, env.Prefix, 0)
	do(h, "GET", "/articles/nope", "")
	w := do(h, "GET", "/articles/nope", "")
	wantProblem(t, w.Code, w.Header(), w.Body.String(), 404, "/articles/nope")
	if s := stats(t, h); s.NegativeHits != 1 || s.SourceLoads != 1 {
		t.Errorf("stats = %+v, want the second miss served from a negative entry", s)
	}
	// The store changes behind the cache's back; only invalidation shows it.
	_ = c.store.Put(context.Background(), Article{Slug: "nope", Title: "t", Body: "b"})
	if w := do(h, "DELETE", "/cache", ""); w.Code != 204 {
		t.Fatalf("DELETE /cache: %d", w.Code)
	}
	if w := do(h, "GET", "/articles/nope", ""); w.Code != 200 {
		t.Errorf("read after namespace bump: status %d, want 200", w.Code)
	}
}

// TestStampedeLoadsOnce: 20 concurrent misses on one key make one source load.
func TestStampedeLoadsOnce(t *testing.T) {
	env := testinfra.Memcached(t)
	c, h := newTestServer(t, env.Addr, env.Prefix, 20*time.Millisecond)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if w := do(h, "GET", "/articles/why-ttl", ""); w.Code != 200 {
				t.Errorf("status %d", w.Code)
			}
		})
	}
	wg.Wait()
	if n := c.stats.loads.Load(); n != 1 {
		t.Errorf("20 concurrent reads made %d source loads, want 1", n)
	}
}

func TestHTTPCachingHeaders(t *testing.T) {
	env := testinfra.Memcached(t)
	_, h := newTestServer(t, env.Addr, env.Prefix, 0)
	w := do(h, "GET", "/articles/why-ttl", "")
	tag := w.Header().Get("ETag")
	if tag == "" || w.Header().Get("Cache-Control") != "public, max-age=30" || w.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers = %v", w.Header())
	}
	if w := do(h, "GET", "/articles/why-ttl", "", "If-None-Match", tag); w.Code != 304 || w.Body.Len() != 0 {
		t.Errorf("If-None-Match %s: status %d body %q, want 304 empty", tag, w.Code, w.Body)
	}
	if w := do(h, "GET", "/articles/why-ttl", "", "If-None-Match", `"other"`); w.Code != 200 {
		t.Errorf("If-None-Match other: status %d, want 200", w.Code)
	}
}

// forward is a plain TCP forwarder to target: it copies bytes both ways and
// knows nothing of memcached. Closing it cuts every connection.
func forward(t *testing.T, target string) (addr string, cut func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, in, out)
			mu.Unlock()
			go func() { _, _ = io.Copy(out, in); out.Close() }()
			go func() { _, _ = io.Copy(in, out); in.Close() }()
		}
	}()
	cut = func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	}
	t.Cleanup(cut)
	return ln.Addr().String(), cut
}

func TestMemcachedGoesAwayMidRun(t *testing.T) {
	env := testinfra.Memcached(t)
	addr, cut := forward(t, env.Addr)
	_, h := newTestServer(t, addr, env.Prefix, 0)
	do(h, "GET", "/articles/why-ttl", "")
	if s := stats(t, h); s.CacheErrors != 0 {
		t.Fatalf("cache errors before the cut: %+v", s)
	}
	cut()
	for i := range 3 {
		if w := do(h, "GET", "/articles/why-ttl", ""); w.Code != 200 {
			t.Fatalf("read %d after memcached went away: status %d %s", i, w.Code, w.Body)
		}
	}
	if w := do(h, "PUT", "/articles/new-one", `{"title":"t","body":"b"}`); w.Code != 200 {
		t.Errorf("PUT with memcached away: %d", w.Code)
	}
	if s := stats(t, h); s.CacheErrors == 0 || s.SourceLoads < 4 {
		t.Errorf("stats = %+v, want cache errors counted and reads from the source", s)
	}
}

func TestBadInput(t *testing.T) {
	_, h := newTestServer(t, "127.0.0.1:1", "x:", 0)
	tests := []struct {
		method, target, body, ct string
		status                   int
	}{
		{"GET", "/articles/Not%20A%20Slug", "", "", 400},
		{"PUT", "/articles/a", `{"title":""}`, "application/json", 422},
		{"PUT", "/articles/a", `{"title":`, "application/json", 400},
		{"PUT", "/articles/a", `{}`, "text/plain", 415},
		{"PUT", "/articles/a", `{"title":"` + strings.Repeat("x", 70<<10) + `"}`, "application/json", 413},
		{"POST", "/articles/a", "", "", 405},
	}
	for _, tc := range tests {
		w := do(h, tc.method, tc.target, tc.body, "Content-Type", tc.ct)
		p := wantProblem(t, w.Code, w.Header(), w.Body.String(), tc.status, tc.target)
		if tc.status == 405 && w.Header().Get("Allow") == "" {
			t.Errorf("405 without Allow")
		}
		if tc.status == 422 && len(p.Errors) != 2 {
			t.Errorf("422 errors = %v, want title and body", p.Errors)
		}
	}
}

// BenchmarkRead reads one article uncached (straight from the 2 ms source)
// and cached (a memcached hit) in each iteration, and reports the ratio.
func BenchmarkRead(b *testing.B) {
	env := testinfra.Memcached(b)
	c, _ := newTestServer(b, env.Addr, env.Prefix, 2*time.Millisecond)
	ctx := context.Background()
	if _, _, err := c.Get(ctx, "why-ttl"); err != nil {
		b.Fatal(err)
	}
	var cached, uncached time.Duration
	for b.Loop() {
		t0 := time.Now()
		_, _, _ = c.store.Get(ctx, "why-ttl")
		t1 := time.Now()
		_, _, _ = c.Get(ctx, "why-ttl")
		uncached += t1.Sub(t0)
		cached += time.Since(t1)
	}
	b.ReportMetric(float64(uncached.Microseconds())/float64(b.N), "uncached-us/op")
	b.ReportMetric(float64(cached.Microseconds())/float64(b.N), "cached-us/op")
	b.ReportMetric(float64(uncached)/float64(cached), "speedup")
}
