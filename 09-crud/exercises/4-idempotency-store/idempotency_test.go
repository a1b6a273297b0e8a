package idempotency

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// createArticle is the handler under test: every execution creates a new
// article with the next id. It counts how often it really ran.
type createArticle struct {
	runs  atomic.Int64
	delay time.Duration
}

func (c *createArticle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := c.runs.Add(1)
	time.Sleep(c.delay)
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Location", fmt.Sprintf("/articles/%d", n))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `{"id":%d,"request":%s}`, n, body)
}

func send(h http.Handler, method, key, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "/articles", strings.NewReader(body))
	if key != "" {
		r.Header.Set("Idempotency-Key", key)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestReplay(t *testing.T) {
	next := &createArticle{}
	h := NewStore().Wrap(next)
	first := send(h, "POST", "key-1", `{"title":"Dragons"}`)
	if first.Code != http.StatusCreated || first.Header().Get(ReplayedHeader) != "" {
		t.Fatalf("first POST = %d (replayed %q) %s, want 201 from the handler, not replayed", first.Code, first.Header().Get(ReplayedHeader), first.Body)
	}
	for i := range 3 {
		again := send(h, "POST", "key-1", `{"title":"Dragons"}`)
		if again.Code != first.Code || again.Body.String() != first.Body.String() ||
			again.Header().Get("Location") != first.Header().Get("Location") || again.Header().Get("Content-Type") != "application/json" {
			t.Errorf("retry %d = %d %v %s, want the first response (%d %v %s) again", i, again.Code, again.Header(), again.Body, first.Code, first.Header(), first.Body)
		}
		if again.Header().Get(ReplayedHeader) != "true" {
			t.Errorf("retry %d header %s = %q, want \"true\"", i, ReplayedHeader, again.Header().Get(ReplayedHeader))
		}
	}
	if got := next.runs.Load(); got != 1 {
		t.Errorf("handler ran %d times for one key, want 1", got)
	}
	if w := send(h, "POST", "key-2", `{"title":"Dragons"}`); w.Code != 201 || next.runs.Load() != 2 {
		t.Errorf("a new key = %d after %d runs, want a fresh 201 (2 runs)", w.Code, next.runs.Load())
	}
}

func TestPassThrough(t *testing.T) {
	tests := []struct{ name, method, key string }{
		{"POST without a key runs every time", "POST", ""},
		{"PUT is idempotent already", "PUT", "key-put"},
		{"GET is safe", "GET", "key-get"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			next := &createArticle{}
			h := NewStore().Wrap(next)
			for range 3 {
				if w := send(h, tc.method, tc.key, `{}`); w.Code != 201 || w.Header().Get(ReplayedHeader) != "" {
					t.Fatalf("%s with key %q = %d (replayed %q), want the handler's 201", tc.method, tc.key, w.Code, w.Header().Get(ReplayedHeader))
				}
			}
			if got := next.runs.Load(); got != 3 {
				t.Errorf("handler ran %d times for 3 requests, want 3", got)
			}
		})
	}
}

func TestMisuse(t *testing.T) {
	next := &createArticle{}
	h := NewStore().Wrap(next)
	send(h, "POST", "key-1", `{"title":"Dragons"}`)
	if w := send(h, "POST", "key-1", `{"title":"Something else"}`); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("same key, different body = %d %s, want 422", w.Code, w.Body)
	}
	if w := send(h, "POST", strings.Repeat("k", MaxKeyLength+1), `{}`); w.Code != http.StatusBadRequest || w.Body.Len() == 0 {
		t.Errorf("key of %d characters = %d %q, want 400 with a message", MaxKeyLength+1, w.Code, w.Body)
	}
	if w := send(h, "POST", strings.Repeat("k", MaxKeyLength), `{}`); w.Code != 201 {
		t.Errorf("key of exactly %d characters = %d, want 201", MaxKeyLength, w.Code)
	}
	if got := next.runs.Load(); got != 2 {
		t.Errorf("handler ran %d times, want 2 (misused keys must not run it)", got)
	}
}

// TestServerErrorsAreNotRemembered: a 5xx means the work may not have
// happened, so the key is released and the retry really runs.
func TestServerErrorsAreNotRemembered(t *testing.T) {
	var runs atomic.Int64
	h := NewStore().Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if runs.Add(1) == 1 {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	if w := send(h, "POST", "k", `{}`); w.Code != 503 {
		t.Fatalf("first attempt = %d, want the handler's 503", w.Code)
	}
	if w := send(h, "POST", "k", `{}`); w.Code != 201 || w.Header().Get(ReplayedHeader) != "" {
		t.Fatalf("retry after a 503 = %d (replayed %q), want a real 201", w.Code, w.Header().Get(ReplayedHeader))
	}
	if w := send(h, "POST", "k", `{}`); w.Code != 201 || w.Header().Get(ReplayedHeader) != "true" {
		t.Errorf("third attempt = %d (replayed %q), want the 201 replayed", w.Code, w.Header().Get(ReplayedHeader))
	}
}

// TestWhichStatusesAreRemembered: below 500 the response is the answer and
// is replayed; from 500 on the key is released and the retry runs.
func TestWhichStatusesAreRemembered(t *testing.T) {
	for _, first := range []int{200, 404, 409, 499, 500, 501, 503, 599} {
		t.Run(fmt.Sprint(first), func(t *testing.T) {
			var runs atomic.Int64
			h := NewStore().Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if runs.Add(1) == 1 {
					w.WriteHeader(first)
					return
				}
				w.WriteHeader(http.StatusCreated)
			}))
			send(h, "POST", "k", `{}`)
			w := send(h, "POST", "k", `{}`)
			if remembered := first < 500; remembered {
				if w.Code != first || w.Header().Get(ReplayedHeader) != "true" || runs.Load() != 1 {
					t.Errorf("retry after a %d = %d (replayed %q, %d runs), want the %d replayed and 1 run", first, w.Code, w.Header().Get(ReplayedHeader), runs.Load(), first)
				}
				return
			}
			if w.Code != http.StatusCreated || w.Header().Get(ReplayedHeader) != "" || runs.Load() != 2 {
				t.Errorf("retry after a %d = %d (replayed %q, %d runs), want a real 201 and 2 runs", first, w.Code, w.Header().Get(ReplayedHeader), runs.Load())
			}
		})
	}
}

// TestPanicReleasesTheKey: a handler that panicked sent no response, so
// there is nothing to replay and the retry runs.
func TestPanicReleasesTheKey(t *testing.T) {
	var runs atomic.Int64
	h := NewStore().Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if runs.Add(1) == 1 {
			panic("handler bug")
		}
		w.WriteHeader(http.StatusCreated)
	}))
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the handler's panic did not reach the caller")
			}
		}()
		send(h, "POST", "k", `{}`)
	}()
	if w := send(h, "POST", "k", `{}`); w.Code != http.StatusCreated || w.Header().Get(ReplayedHeader) != "" || runs.Load() != 2 {
		t.Errorf("retry after a panic = %d (replayed %q, %d runs), want a real 201 and 2 runs", w.Code, w.Header().Get(ReplayedHeader), runs.Load())
	}
}

func TestBodyLimit(t *testing.T) {
	tests := []struct {
		name string
		size int
		want int
	}{
		{"exactly MaxBodyBytes", MaxBodyBytes, http.StatusCreated},
		{"one byte over", MaxBodyBytes + 1, http.StatusRequestEntityTooLarge},
		{"twice the limit", 2 * MaxBodyBytes, http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got int
			h := NewStore().Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				got = len(b)
				w.WriteHeader(http.StatusCreated)
			}))
			w := send(h, "POST", "big", strings.Repeat("x", tc.size))
			if w.Code != tc.want {
				t.Fatalf("POST of %d bytes with a key = %d, want %d", tc.size, w.Code, tc.want)
			}
			if tc.want == http.StatusCreated && got != tc.size {
				t.Errorf("POST of %d bytes: the handler read %d, want the whole body", tc.size, got)
			}
			if tc.want != http.StatusCreated && got != 0 {
				t.Errorf("POST of %d bytes: the handler ran (read %d bytes), want it never to run", tc.size, got)
			}
		})
	}
}

// signalOnEOF is a request body that closes read once it has been read to
// the end: the store reads a duplicate's body before it looks up the key.
type signalOnEOF struct {
	r    io.Reader
	read chan struct{}
	once sync.Once
}

func (s *signalOnEOF) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err == io.EOF {
		s.once.Do(func() { close(s.read) })
	}
	return n, err
}

// TestWaitingDuplicateRunsAfterServerError: a duplicate that waited for a
// first attempt ending in 503 runs the handler itself, instead of replaying
// the failure (or nothing).
func TestWaitingDuplicateRunsAfterServerError(t *testing.T) {
	second := &signalOnEOF{r: strings.NewReader(`{}`), read: make(chan struct{})}
	// The context bounds every wait, so a wrong store fails instead of hanging.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var runs atomic.Int64
	entered := make(chan struct{})
	h := NewStore().Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if runs.Add(1) == 1 {
			close(entered)
			select {
			case <-second.read: // the duplicate is in: it has read its body
			case <-ctx.Done():
			}
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	firstDone := make(chan *httptest.ResponseRecorder, 1)
	go func() { firstDone <- send(h, "POST", "k", `{}`) }()
	select {
	case <-entered: // the first request is inside the handler
	case first := <-firstDone:
		t.Fatalf("first attempt = %d without running the handler, want the handler's 503", first.Code)
	}
	r := httptest.NewRequest("POST", "/articles", second)
	r.Header.Set("Idempotency-Key", "k")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if first := <-firstDone; first.Code != http.StatusServiceUnavailable {
		t.Fatalf("first attempt = %d, want the handler's 503", first.Code)
	}
	if w.Code != http.StatusCreated || w.Header().Get(ReplayedHeader) != "" || runs.Load() != 2 {
		t.Errorf("duplicate sent during a failing first attempt = %d (replayed %q, %d runs), want a real 201 and 2 runs", w.Code, w.Header().Get(ReplayedHeader), runs.Load())
	}
}

// TestConcurrentDuplicates: a client's retry arrives while the first
// request is still running. Only one may execute; all get its response.
func TestConcurrentDuplicates(t *testing.T) {
	next := &createArticle{delay: 50 * time.Millisecond}
	h := NewStore().Wrap(next)
	const n = 50
	var wg sync.WaitGroup
	results := make([]*httptest.ResponseRecorder, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			results[i] = send(h, "POST", "storm", `{"title":"Once"}`)
		})
	}
	close(start)
	wg.Wait()
	if got := next.runs.Load(); got != 1 {
		t.Fatalf("%d concurrent requests with one key ran the handler %d times, want 1", n, got)
	}
	replayed := 0
	for i, w := range results {
		if w.Code != 201 || w.Body.String() != results[0].Body.String() {
			t.Fatalf("request %d got %d %s, want the same 201 as everyone (%s)", i, w.Code, w.Body, results[0].Body)
		}
		if w.Header().Get(ReplayedHeader) == "true" {
			replayed++
		}
	}
	if replayed != n-1 {
		t.Errorf("%d of %d responses were marked replayed, want %d", replayed, n, n-1)
	}
	// Different keys must not wait for each other. Each request below returns
	// only once all of them are inside the handler at the same time, which a
	// store that serialises requests never allows; the context bounds the
	// wait so a serialising store fails in seconds instead of hanging.
	const parallel = 10
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var arrived sync.WaitGroup
	arrived.Add(parallel)
	allIn := make(chan struct{})
	go func() { arrived.Wait(); close(allIn) }()
	barrier := NewStore().Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived.Done()
		select {
		case <-allIn:
			w.WriteHeader(http.StatusCreated)
		case <-ctx.Done():
			w.WriteHeader(http.StatusGatewayTimeout)
		}
	}))
	codes := make([]int, parallel)
	var wg2 sync.WaitGroup
	for i := range parallel {
		wg2.Go(func() { codes[i] = send(barrier, "POST", fmt.Sprint("parallel-", i), `{}`).Code })
	}
	wg2.Wait()
	for i, code := range codes {
		if code != http.StatusCreated {
			t.Fatalf("request %d with its own key got %d: requests with different keys waited for each other instead of running in parallel", i, code)
		}
	}
}
