package cacheaside

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var (
	errBoom      = errors.New("source: connection refused")
	errCacheDown = errors.New("cache: i/o timeout")
)

// guard bounds a wait that only a wrong solution makes long; it asserts
// nothing about speed.
const guard = 5 * time.Second

type setCall struct {
	key string
	e   Entry
	ttl time.Duration
}

func (s setCall) String() string {
	return fmt.Sprintf("Set(%q, {Value: %q, Found: %v}, %v)", s.key, s.e.Value, s.e.Found, s.ttl)
}

// fakeCache is an in-memory Cache that records every Set and can fail.
type fakeCache struct {
	mu      sync.Mutex
	m       map[string]Entry
	sets    []setCall
	failGet bool
	failSet bool
}

func newFakeCache() *fakeCache { return &fakeCache{m: map[string]Entry{}} }

func (c *fakeCache) Get(key string) (Entry, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failGet {
		return Entry{}, false, errCacheDown
	}
	e, ok := c.m[key]
	return e, ok, nil
}

func (c *fakeCache) Set(key string, e Entry, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failSet {
		return errCacheDown
	}
	c.sets = append(c.sets, setCall{key, e, ttl})
	c.m[key] = e
	return nil
}

func (c *fakeCache) setCalls() []setCall {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]setCall(nil), c.sets...)
}

// wantSets compares the recorded Sets with want.
func wantSets(t *testing.T, c *fakeCache, want ...setCall) {
	t.Helper()
	got := c.setCalls()
	same := len(got) == len(want)
	for i := 0; same && i < len(got); i++ {
		same = got[i].key == want[i].key && string(got[i].e.Value) == string(want[i].e.Value) &&
			got[i].e.Found == want[i].e.Found && got[i].ttl == want[i].ttl
	}
	if !same {
		t.Errorf("cache Sets = %v, want %v (edit exercises/3-cache-aside/cacheaside.go)", got, want)
	}
}

type result struct {
	v   []byte
	err error
}

// countingLoader loads "v:"+key and counts its calls.
func countingLoader(loads *atomic.Int32) Loader {
	return func(_ context.Context, key string) ([]byte, error) {
		loads.Add(1)
		return []byte("v:" + key), nil
	}
}

func newReader(c Cache, load Loader) *Reader {
	return &Reader{Cache: c, Load: load, TTL: time.Minute, NegativeTTL: 5 * time.Second}
}

func wantGet(t *testing.T, r *Reader, key, value string, wantErr error) {
	t.Helper()
	v, err := r.Get(context.Background(), key)
	if wantErr != nil {
		if !errors.Is(err, wantErr) || v != nil {
			t.Errorf("Get(%q) = %q, %v; want nil, %v (edit exercises/3-cache-aside/cacheaside.go)", key, v, err, wantErr)
		}
		return
	}
	if err != nil || string(v) != value {
		t.Errorf("Get(%q) = %q, %v; want %q, nil (edit exercises/3-cache-aside/cacheaside.go)", key, v, err, value)
	}
}

func wantLoads(t *testing.T, loads *atomic.Int32, n int32, when string) {
	t.Helper()
	if got := loads.Load(); got != n {
		t.Errorf("loader called %d times %s, want %d", got, when, n)
	}
}

// barrier is a load that blocks until released, reporting each entry.
type barrier struct {
	entered chan struct{} // one send per call of the load
	release chan struct{} // closed to let every call finish
	joined  chan string   // one send per OnJoin
	calls   atomic.Int32
	once    sync.Once
}

// open lets every held load finish (once), so a failing test leaks nothing.
func (b *barrier) open() { b.once.Do(func() { close(b.release) }) }

// fail opens the barrier and stops the test.
func (b *barrier) fail(t *testing.T, format string, args ...any) {
	t.Helper()
	b.open()
	t.Fatalf(format, args...)
}

func newBarrier(n int) *barrier {
	return &barrier{entered: make(chan struct{}, 4*n), release: make(chan struct{}), joined: make(chan string, 4*n)}
}

// wait blocks until the load has been entered `entered` times and callers
// have joined its flight `joined` times. A second load, or a caller
// returning while the load is still held, fails the test at once.
func (b *barrier) wait(t *testing.T, results <-chan result, entered, joined int) {
	t.Helper()
	timeout := time.After(guard)
	for entered > 0 || joined > 0 {
		select {
		case <-b.entered:
			if entered == 0 {
				b.fail(t, "the load ran %d times for one key while the first was still running, want once", b.calls.Load())
			}
			entered--
		case k := <-b.joined:
			if k != "k" {
				b.fail(t, "OnJoin(%q), want OnJoin(\"k\")", k)
			}
			joined--
		case r := <-results:
			b.fail(t, "a caller returned %q, %v while the load was still running; want every caller to wait for it", r.v, r.err)
		case <-timeout:
			b.fail(t, "after %v, %d more loads and %d more OnJoin calls were expected: concurrent callers must join the one flight in progress (is OnJoin called?)", guard, entered, joined)
		}
	}
}

func collect(t *testing.T, results <-chan result, n int) []result {
	t.Helper()
	out := make([]result, 0, n)
	timeout := time.After(guard)
	for range n {
		select {
		case r := <-results:
			out = append(out, r)
		case <-timeout:
			t.Fatalf("only %d of %d callers returned within %v of the load finishing", len(out), n, guard)
		}
	}
	return out
}

func TestGroupCoalescesConcurrentCalls(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{{"value", nil}, {"error", errBoom}} {
		t.Run(tc.name, func(t *testing.T) {
			const n = 8
			var g Group
			b := newBarrier(n)
			g.OnJoin = func(key string) { b.joined <- key }
			fn := func() ([]byte, error) {
				b.calls.Add(1)
				b.entered <- struct{}{}
				<-b.release
				if tc.err != nil {
					return nil, tc.err
				}
				return []byte("loaded"), nil
			}
			results := make(chan result, n)
			for range n {
				go func() {
					v, err := g.Do("k", fn)
					results <- result{v, err}
				}()
			}
			b.wait(t, results, 1, n-1)
			b.open()
			for _, r := range collect(t, results, n) {
				if tc.err == nil && (r.err != nil || string(r.v) != "loaded") {
					t.Errorf("a caller got %q, %v; want every caller to get the one flight's \"loaded\", nil", r.v, r.err)
				}
				if tc.err != nil && (!errors.Is(r.err, tc.err) || r.v != nil) {
					t.Errorf("a caller got %q, %v; want every caller to get the one flight's error %v", r.v, r.err, tc.err)
				}
			}
			if got := b.calls.Load(); got != 1 {
				t.Errorf("fn ran %d times for %d concurrent callers, want 1", got, n)
			}
		})
	}
}

func TestGroupForgetsFinishedFlights(t *testing.T) {
	var g Group
	runs := 0
	for i, want := range []string{"1", "2", "", "4"} {
		v, err := g.Do("k", func() ([]byte, error) {
			runs++
			if want == "" {
				return nil, errBoom
			}
			return []byte(want), nil
		})
		if want == "" {
			if !errors.Is(err, errBoom) {
				t.Errorf("call %d: Do = %q, %v; want the error of its own fn", i+1, v, err)
			}
			continue
		}
		if err != nil || string(v) != want {
			t.Errorf("call %d: Do = %q, %v; want %q, nil: a finished flight is not remembered", i+1, v, err, want)
		}
	}
	if runs != 4 {
		t.Errorf("fn ran %d times for 4 calls one after another, want 4", runs)
	}
}

// TestGroupKeysAreIndependent: the flight for "a" waits for the flight for
// "b" to start, so a Group that serialises all keys never finishes "a".
func TestGroupKeysAreIndependent(t *testing.T) {
	var g Group
	bStarted := make(chan struct{})
	done := make(chan result, 1)
	go func() {
		v, err := g.Do("a", func() ([]byte, error) {
			select {
			case <-bStarted:
				return []byte("A"), nil
			case <-time.After(guard):
				return nil, errors.New("the flight for \"b\" never started while \"a\" was running")
			}
		})
		done <- result{v, err}
	}()
	v, err := g.Do("b", func() ([]byte, error) {
		close(bStarted)
		return []byte("B"), nil
	})
	if err != nil || string(v) != "B" {
		t.Errorf(`Do("b") = %q, %v; want "B", nil`, v, err)
	}
	if r := <-done; r.err != nil || string(r.v) != "A" {
		t.Errorf(`Do("a") = %q, %v; want "A", nil: different keys run side by side`, r.v, r.err)
	}
}

func TestReaderMissThenHit(t *testing.T) {
	c := newFakeCache()
	var loads atomic.Int32
	r := newReader(c, countingLoader(&loads))
	wantGet(t, r, "a", "v:a", nil)
	wantLoads(t, &loads, 1, "after the first Get")
	wantSets(t, c, setCall{"a", Entry{Value: []byte("v:a"), Found: true}, time.Minute})
	wantGet(t, r, "a", "v:a", nil)
	wantLoads(t, &loads, 1, "after a second Get of the same key (a hit)")

	c.m["b"] = Entry{Value: []byte("from the cache"), Found: true}
	wantGet(t, r, "b", "from the cache", nil)
	wantLoads(t, &loads, 1, "after a Get of a key already in the cache")
}

func TestReaderCachesNotFound(t *testing.T) {
	c := newFakeCache()
	var loads atomic.Int32
	r := newReader(c, func(_ context.Context, key string) ([]byte, error) {
		loads.Add(1)
		return nil, fmt.Errorf("article %q: %w", key, ErrNotFound) // wrapped, as a real store would
	})
	wantGet(t, r, "gone", "", ErrNotFound)
	wantSets(t, c, setCall{"gone", Entry{Found: false}, 5 * time.Second})
	wantGet(t, r, "gone", "", ErrNotFound)
	wantLoads(t, &loads, 1, "after two Gets of a missing key (the second is a negative hit)")

	c.m["neg"] = Entry{Found: false}
	wantGet(t, r, "neg", "", ErrNotFound)
	wantLoads(t, &loads, 1, "after a Get of a key cached as not found")
}

func TestReaderDoesNotCacheLoadErrors(t *testing.T) {
	c := newFakeCache()
	var loads atomic.Int32
	r := newReader(c, func(_ context.Context, key string) ([]byte, error) {
		if loads.Add(1) == 1 {
			return nil, fmt.Errorf("load %q: %w", key, errBoom)
		}
		return []byte("v:" + key), nil
	})
	wantGet(t, r, "a", "", errBoom)
	wantSets(t, c)
	wantGet(t, r, "a", "v:a", nil)
	wantLoads(t, &loads, 2, "after a failed load and a retry")
	wantSets(t, c, setCall{"a", Entry{Value: []byte("v:a"), Found: true}, time.Minute})
}

func TestReaderSurvivesCacheFailures(t *testing.T) {
	for _, tc := range []struct {
		name             string
		failGet, failSet bool
	}{
		{"get fails", true, false},
		{"set fails", false, true},
		{"both fail", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newFakeCache()
			c.failGet, c.failSet = tc.failGet, tc.failSet
			var loads atomic.Int32
			r := newReader(c, func(ctx context.Context, key string) ([]byte, error) {
				if key == "missing" {
					loads.Add(1)
					return nil, ErrNotFound
				}
				return countingLoader(&loads)(ctx, key)
			})
			wantGet(t, r, "a", "v:a", nil)
			wantGet(t, r, "a", "v:a", nil)
			wantGet(t, r, "missing", "", ErrNotFound)
			wantLoads(t, &loads, 3, "with a failing cache (every read goes to the source)")
		})
	}
}

func TestReaderCoalescesMisses(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{{"value", nil}, {"error", errBoom}} {
		t.Run(tc.name, func(t *testing.T) {
			const n = 8
			c := newFakeCache()
			b := newBarrier(n)
			r := newReader(c, func(_ context.Context, key string) ([]byte, error) {
				b.calls.Add(1)
				b.entered <- struct{}{}
				<-b.release
				if tc.err != nil {
					return nil, tc.err
				}
				return []byte("v:" + key), nil
			})
			r.Group.OnJoin = func(key string) { b.joined <- key }
			results := make(chan result, n)
			for range n {
				go func() {
					v, err := r.Get(context.Background(), "k")
					results <- result{v, err}
				}()
			}
			b.wait(t, results, 1, n-1)
			b.open()
			for _, res := range collect(t, results, n) {
				if tc.err == nil && (res.err != nil || string(res.v) != "v:k") {
					t.Errorf("a caller got %q, %v; want every caller to get the one load's \"v:k\", nil", res.v, res.err)
				}
				if tc.err != nil && (!errors.Is(res.err, tc.err) || res.v != nil) {
					t.Errorf("a caller got %q, %v; want every waiter to get the one load's error %v", res.v, res.err, tc.err)
				}
			}
			if got := b.calls.Load(); got != 1 {
				t.Errorf("the loader ran %d times for %d concurrent misses, want 1", got, n)
			}
			if tc.err != nil {
				wantSets(t, c)
				// The error was not cached: the next read loads again.
				v, err := r.Get(context.Background(), "k")
				if !errors.Is(err, tc.err) || b.calls.Load() != 2 {
					t.Errorf("Get after a failed flight = %q, %v with %d loads; want a new load (2) and its error", v, err, b.calls.Load())
				}
			} else {
				wantSets(t, c, setCall{"k", Entry{Value: []byte("v:k"), Found: true}, time.Minute})
			}
		})
	}
}

// TestReaderFlightOutlivesItsCaller: the caller that started the load hangs
// up; the load it started serves the others anyway.
func TestReaderFlightOutlivesItsCaller(t *testing.T) {
	const n = 4
	c := newFakeCache()
	b := newBarrier(n)
	r := newReader(c, func(ctx context.Context, key string) ([]byte, error) {
		b.calls.Add(1)
		b.entered <- struct{}{}
		<-b.release
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return []byte("v:" + key), nil
	})
	r.Group.OnJoin = func(key string) { b.joined <- key }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	results := make(chan result, n)
	go func() {
		v, err := r.Get(ctx, "k")
		results <- result{v, err}
	}()
	b.wait(t, results, 1, 0)
	for range n - 1 {
		go func() {
			v, err := r.Get(context.Background(), "k")
			results <- result{v, err}
		}()
	}
	b.wait(t, results, 0, n-1)
	cancel() // the first caller gives up while its load is in flight
	b.open()
	for _, res := range collect(t, results, n) {
		if res.err != nil || string(res.v) != "v:k" {
			t.Errorf("a caller got %q, %v; want \"v:k\", nil: the shared load must not see the first caller's cancellation", res.v, res.err)
		}
	}
}
