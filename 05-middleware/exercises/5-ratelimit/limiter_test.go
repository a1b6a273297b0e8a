package ratelimit

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newClock() *fakeClock { return &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func wantAllow(t *testing.T, l *Limiter, key string, ok bool, retry time.Duration) {
	t.Helper()
	gotOK, gotRetry := l.Allow(key)
	if gotOK != ok || gotRetry != retry {
		t.Errorf("Allow(%q) = %v, %v; want %v, %v", key, gotOK, gotRetry, ok, retry)
	}
}

func TestTokenBucket(t *testing.T) {
	c := newClock()
	l := New(1, 3, c.now) // 1 token/s, burst 3

	// A new client starts with a full bucket: a burst of 3.
	for range 3 {
		wantAllow(t, l, "ann", true, 0)
	}
	wantAllow(t, l, "ann", false, time.Second)
	c.advance(400 * time.Millisecond)
	wantAllow(t, l, "ann", false, 600*time.Millisecond)
	c.advance(600 * time.Millisecond)
	wantAllow(t, l, "ann", true, 0) // one token refilled
	wantAllow(t, l, "ann", false, time.Second)

	// Buckets are per key.
	wantAllow(t, l, "bob", true, 0)

	// A long idle period refills to burst, never beyond.
	c.advance(time.Hour)
	for range 3 {
		wantAllow(t, l, "ann", true, 0)
	}
	wantAllow(t, l, "ann", false, time.Second)
}

func TestFractionalRates(t *testing.T) {
	c := newClock()
	l := New(0.5, 1, c.now) // one request every 2 s
	wantAllow(t, l, "k", true, 0)
	wantAllow(t, l, "k", false, 2*time.Second)
	c.advance(1500 * time.Millisecond)
	wantAllow(t, l, "k", false, 500*time.Millisecond)

	fast := New(10, 1, c.now) // 10/s: 100 ms per token
	wantAllow(t, fast, "k", true, 0)
	wantAllow(t, fast, "k", false, 100*time.Millisecond)
}

func TestClockGoingBackwardsMintsNothing(t *testing.T) {
	c := newClock()
	l := New(1, 1, c.now)
	wantAllow(t, l, "k", true, 0)
	c.advance(-time.Hour)
	if ok, _ := l.Allow("k"); ok {
		t.Error("Allow after the clock stepped back an hour = true, want false (no tokens from negative time)")
	}
}

func TestIdleKeysAreForgotten(t *testing.T) {
	c := newClock()
	l := New(1, 5, c.now)
	for i := range 100 {
		l.Allow(string(rune('a'+i%26)) + string(rune('0'+i/26)))
	}
	if n := l.Len(); n != 100 {
		t.Fatalf("Len() = %d after 100 keys, want 100", n)
	}
	c.advance(6 * time.Second) // every bucket is full again
	l.Allow("new")
	if n := l.Len(); n > 1 {
		t.Errorf("Len() = %d after all buckets refilled, want at most 1 (idle keys forgotten)", n)
	}
}

func TestConcurrentAllowIsExact(t *testing.T) {
	c := newClock()
	l := New(1, 10, c.now)
	var allowed atomic.Int32
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			if ok, _ := l.Allow("shared"); ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if n := allowed.Load(); n != 10 {
		t.Errorf("100 concurrent Allow calls on a burst of 10 let %d through, want exactly 10", n)
	}
}

func TestMiddleware(t *testing.T) {
	c := newClock()
	l := New(2, 1, c.now) // 2/s: a refused request waits 500 ms → Retry-After 1
	byHeader := func(r *http.Request) string { return r.Header.Get("X-Client") }
	calls := 0
	h := l.Middleware(byHeader)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls++
		w.Write([]byte("ok"))
	}))
	do := func(client string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("X-Client", client)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}

	if w := do("ann"); w.Code != 200 || w.Body.String() != "ok" {
		t.Fatalf("first request = %d %q, want 200 ok", w.Code, w.Body)
	}
	w := do("ann")
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("second request = %d, want 429", w.Code)
	}
	if got := w.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want %q (500ms rounded up to whole seconds)", got, "1")
	}
	var p struct {
		Status int    `json:"status"`
		Detail string `json:"detail"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != 429 || p.Detail == "" {
		t.Errorf("429 body = %q, want a JSON problem with status 429 and a detail", w.Body)
	}
	if calls != 1 {
		t.Errorf("handler ran %d times, want 1 (a limited request must not reach it)", calls)
	}
	if w := do("bob"); w.Code != 200 {
		t.Errorf("another client = %d, want 200", w.Code)
	}
	c.advance(500 * time.Millisecond)
	if w := do("ann"); w.Code != 200 {
		t.Errorf("after Retry-After = %d, want 200", w.Code)
	}
}

// Refill is computed from the exact time elapsed, down to the nanosecond.
func TestRefillHasNanosecondResolution(t *testing.T) {
	c := newClock()
	l := New(1e9, 2, c.now) // one token per nanosecond
	wantAllow(t, l, "k", true, 0)
	wantAllow(t, l, "k", true, 0)
	c.advance(time.Nanosecond)
	wantAllow(t, l, "k", true, 0)
	wantAllow(t, l, "k", false, time.Nanosecond)
}

// A bucket is full again burst/rate after its last use: at that instant
// (5 s for burst 5 at 1/s) it is forgotten.
func TestIdleKeysAreForgottenAtTheFillTime(t *testing.T) {
	c := newClock()
	l := New(1, 5, c.now)
	for i := range 20 {
		l.Allow(string(rune('a' + i)))
	}
	c.advance(5 * time.Second)
	l.Allow("new")
	if n := l.Len(); n > 1 {
		t.Errorf("Len() = %d exactly 5 s (burst 5 / rate 1) after 20 keys were used, want at most 1", n)
	}
	// Keys used since are kept: forgetting one early would hand it a fresh burst.
	for range 4 {
		wantAllow(t, l, "new", true, 0)
	}
	wantAllow(t, l, "new", false, time.Second)
}

func TestRetryAfterIsAtLeastOneSecond(t *testing.T) {
	c := newClock()
	l := New(3, 2, c.now)
	h := l.Middleware(func(*http.Request) string { return "k" })(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	do := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		return w
	}
	do()
	do()
	// 333333333 ns at 3/s leaves 0.999999999 tokens: a wait well under a
	// nanosecond, which must still read as Retry-After: 1, never 0.
	c.advance(333333333 * time.Nanosecond)
	if w := do(); w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "1" {
		t.Errorf("request 1/3 ns short of a token: %d, Retry-After %q; want 429 and %q", w.Code, w.Header().Get("Retry-After"), "1")
	}
	// 2.5 s of waiting rounds up to 3.
	slow := New(0.4, 1, c.now)
	hs := slow.Middleware(func(*http.Request) string { return "k" })(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	hs.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	w := httptest.NewRecorder()
	hs.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "3" {
		t.Errorf("request at 0.4/s right after the first: %d, Retry-After %q; want 429 and %q (2.5 s rounded up)", w.Code, w.Header().Get("Retry-After"), "3")
	}
}
