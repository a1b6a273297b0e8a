package main

import (
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestIdempotencyKeyReplays(t *testing.T) {
	h := newTestServer(t)
	key := map[string]string{"Idempotency-Key": "k-1", "X-User": "jake"}
	first := do(t, h, req{method: "POST", path: "/articles", body: articleBody("Once only"), header: key})
	if first.Code != 201 {
		t.Fatalf("first POST = %d %s, want 201", first.Code, first.Body)
	}
	again := do(t, h, req{method: "POST", path: "/articles", body: articleBody("Once only"), header: key})
	if again.Code != 201 || again.Body.String() != first.Body.String() || again.Header().Get("Idempotent-Replayed") != "true" ||
		again.Header().Get("Location") != first.Header().Get("Location") {
		t.Fatalf("retried POST = %d %v %s, want the first 201 replayed with Idempotent-Replayed: true", again.Code, again.Header(), again.Body)
	}

	// Another user's identical key is a different key.
	other := do(t, h, req{method: "POST", path: "/articles", body: articleBody("Once only"), header: map[string]string{"Idempotency-Key": "k-1", "X-User": "ann"}})
	if other.Code != 409 {
		t.Errorf("same key from another user = %d %s, want 409 (it runs, and the slug is taken)", other.Code, other.Body)
	}

	for _, tc := range []struct {
		name, key, body string
		want            int
		wantBody        string
	}{
		{"same key, different body", "k-1", articleBody("Something else"), 422, "different request"},
		{"key too long", strings.Repeat("k", 256), articleBody("Long key"), 400, "at most 255"},
	} {
		w := do(t, h, req{method: "POST", path: "/articles", body: tc.body, header: map[string]string{"Idempotency-Key": tc.key, "X-User": "jake"}})
		if w.Code != tc.want || !strings.Contains(w.Body.String(), tc.wantBody) {
			t.Errorf("%s: POST = %d %s, want %d containing %q", tc.name, w.Code, w.Body, tc.want, tc.wantBody)
		}
	}

	// A rejected request (4xx) changed nothing, so nothing is remembered:
	// the retry runs again and fails the same way, and the key stays free
	// for a corrected request.
	bad := map[string]string{"Idempotency-Key": "k-bad"}
	w1 := do(t, h, req{method: "POST", path: "/articles", body: `{"article": {}}`, header: bad})
	w2 := do(t, h, req{method: "POST", path: "/articles", body: `{"article": {}}`, header: bad})
	if w1.Code != 422 || w2.Code != 422 || w2.Header().Get("Idempotent-Replayed") != "" {
		t.Errorf("invalid POST twice with one key = %d then %d (replayed %q), want 422 twice, not replayed", w1.Code, w2.Code, w2.Header().Get("Idempotent-Replayed"))
	}
	if w := do(t, h, req{method: "POST", path: "/articles", body: articleBody("Fixed now"), header: bad}); w.Code != 201 {
		t.Errorf("corrected POST with the key of a failed one = %d %s, want 201", w.Code, w.Body)
	}

	// Without a key, the retry of a create is a duplicate: 409. That is what
	// the key is for.
	if w := do(t, h, req{method: "POST", path: "/articles", body: articleBody("Once only"), header: map[string]string{"X-User": "jake"}}); w.Code != 409 {
		t.Errorf("the same POST without a key = %d, want 409", w.Code)
	}

	// The same input with its tags in another order, or its JSON spaced
	// differently, is the same request.
	tagged := map[string]string{"Idempotency-Key": "k-tags"}
	t1 := do(t, h, req{method: "POST", path: "/articles", body: articleBody("Tagged", "go", "api"), header: tagged})
	t2 := do(t, h, req{method: "POST", path: "/articles", body: " " + articleBody("Tagged", "api", "go"), header: tagged})
	if t1.Code != 201 || t2.Code != 201 || t2.Header().Get("Idempotent-Replayed") != "true" || t1.Body.String() != t2.Body.String() {
		t.Errorf("retry with reordered tags = %d then %d (replayed %q), want the first 201 replayed", t1.Code, t2.Code, t2.Header().Get("Idempotent-Replayed"))
	}
}

// TestIdempotencyConcurrentDuplicates: 50 copies of one request race in;
// exactly one executes and all 50 see its 201.
func TestIdempotencyConcurrentDuplicates(t *testing.T) {
	h := newTestServer(t)
	const n = 50
	var wg sync.WaitGroup
	bodies := make(chan string, n)
	codes := make(chan int, n)
	for range n {
		wg.Go(func() {
			w := do(t, h, req{method: "POST", path: "/articles", body: articleBody("Retried storm"), header: map[string]string{"Idempotency-Key": "storm"}})
			codes <- w.Code
			bodies <- w.Body.String()
		})
	}
	wg.Wait()
	close(codes)
	close(bodies)
	for c := range codes {
		if c != 201 {
			t.Fatalf("a duplicate got %d, want every copy to see 201", c)
		}
	}
	first := <-bodies
	for b := range bodies {
		if b != first {
			t.Fatalf("duplicates saw different bodies:\n%s\n%s", first, b)
		}
	}
	if got := len(h.store.Audit("retried-storm")); got != 1 {
		t.Errorf("the store recorded %d creates, want 1", got)
	}
}

// TestIdempotencyIsBounded: remembered keys expire after the TTL, and a
// full store refuses new keys instead of growing without bound.
func TestIdempotencyIsBounded(t *testing.T) {
	h := newTestServer(t)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h.store.keys.now = func() time.Time { return clock }
	h.store.keys.maxKeys = 2
	post := func(key, title string) *httptest.ResponseRecorder {
		return do(t, h, req{method: "POST", path: "/articles", body: articleBody(title), header: map[string]string{"Idempotency-Key": key}})
	}
	post("a", "First")
	post("b", "Second")
	if w := post("c", "Third"); w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Fatalf("third key with room for two = %d (Retry-After %q), want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	if w := post("a", "First"); w.Header().Get("Idempotent-Replayed") != "true" {
		t.Errorf("a remembered key while full = %d, want its replay", w.Code)
	}
	clock = clock.Add(25 * time.Hour) // past the 24h TTL: both keys are forgotten
	if w := post("c", "Third"); w.Code != 201 {
		t.Errorf("new key after expiry = %d %s, want 201", w.Code, w.Body)
	}
	if w := post("a", "First"); w.Code != 409 || w.Header().Get("Idempotent-Replayed") != "" {
		t.Errorf("expired key reused = %d (replayed %q), want it to run again (409: the slug exists)", w.Code, w.Header().Get("Idempotent-Replayed"))
	}
}
