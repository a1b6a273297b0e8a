package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(vs ...int) []time.Duration {
		out := make([]time.Duration, len(vs))
		for i, v := range vs {
			out[i] = time.Duration(v) * time.Millisecond
		}
		return out
	}
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	for _, c := range []struct {
		name   string
		sorted []time.Duration
		q      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value", ms(7), 99, 7 * time.Millisecond},
		{"median of three", ms(1, 2, 3), 50, 2 * time.Millisecond},
		{"median of four is the lower middle", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p99 of 100 is the 99th", hundred, 99, 99 * time.Millisecond},
		{"p50 of 100 is the 50th", hundred, 50, 50 * time.Millisecond},
		{"p100 is the largest", hundred, 100, 100 * time.Millisecond},
		{"p99 of 10 is the largest", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"p90 of 10 is the 9th", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Millisecond},
		{"tiny q is the smallest", ms(4, 5, 6), 0.1, 4 * time.Millisecond},
	} {
		if got := percentile(c.sorted, c.q); got != c.want {
			t.Errorf("%s: percentile(%v, %v) = %v, want %v", c.name, c.sorted, c.q, got, c.want)
		}
	}
}

// TestLoadHoldsConns: the generator opens exactly conns connections, keeps
// them across phases, and has a request in flight on every one at once. The
// server holds the first conns requests until all of them have arrived, so
// the peak of active connections it sees is conns only if the client really
// sends them concurrently.
func TestLoadHoldsConns(t *testing.T) {
	const conns = 16
	var (
		arrived  atomic.Int64
		all      = make(chan struct{})
		allOnce  sync.Once
		timedOut atomic.Bool
	)
	counter := &connCounter{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := arrived.Add(1); n <= conns {
			if n == conns {
				allOnce.Do(func() { close(all) })
			}
			select {
			case <-all:
			case <-time.After(10 * time.Second):
				timedOut.Store(true)
				http.Error(w, "not all connections arrived", http.StatusServiceUnavailable)
				return
			}
		}
		_, _ = io.WriteString(w, "ok")
	}))
	srv.Config.ConnState = counter.hook
	srv.Start()
	defer srv.Close()

	c := newClient(conns)
	defer c.Close()
	const perPhase = 20 * conns
	total := 0
	for phase := range 3 {
		r := c.load(srv.URL, 10*time.Second, perPhase)
		if r.errors > 0 {
			t.Fatalf("phase %d: %d failed requests, the first: %v", phase, r.errors, r.firstErr)
		}
		if len(r.latencies) != perPhase {
			t.Fatalf("phase %d: %d requests measured, want -max-requests = %d", phase, len(r.latencies), perPhase)
		}
		total += len(r.latencies)
	}
	if timedOut.Load() {
		t.Fatalf("the first %d requests were not in flight at once", conns)
	}
	addr := srv.Listener.Addr().String()
	if got := c.Dialed(addr); got != conns {
		t.Errorf("client dialled %d connections, want %d", got, conns)
	}
	if got := counter.opened.Load(); got != conns {
		t.Errorf("server accepted %d connections (ConnState New), want %d", got, conns)
	}
	if got := counter.closed.Load(); got != 0 {
		t.Errorf("%d connections closed during the load, want 0 (keep-alive)", got)
	}
	if got := counter.peak.Load(); got != conns {
		t.Errorf("at most %d connections active at once, want %d", got, conns)
	}
	if got := arrived.Load(); got != int64(total) {
		t.Errorf("server saw %d requests, the client measured %d", got, total)
	}
}

// TestLoadStopsAtDuration: a phase ends when its time is up, however many
// requests it may still send.
func TestLoadStopsAtDuration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Millisecond)
	}))
	defer srv.Close()
	c := newClient(4)
	defer c.Close()
	r := c.load(srv.URL, 100*time.Millisecond, 1<<40)
	if r.errors > 0 || len(r.latencies) == 0 {
		t.Fatalf("%d requests, %d errors (%v); want some and none", len(r.latencies), r.errors, r.firstErr)
	}
	// Each request takes at least 1 ms and none starts after 100 ms, so
	// each connection carries at most 101 (a slow machine only lowers it).
	if max := 4 * 101; len(r.latencies) > max {
		t.Errorf("%d requests in 100 ms of 1 ms each on 4 connections, want at most %d", len(r.latencies), max)
	}
}

func TestLoadCountsFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusInternalServerError)
	}))
	defer srv.Close()
	c := newClient(2)
	defer c.Close()
	r := c.load(srv.URL, 5*time.Second, 10)
	if r.errors != 10 || len(r.latencies) != 0 || r.firstErr == nil {
		t.Errorf("against a 500: %d errors, %d measured, first %v; want 10, 0, an error", r.errors, len(r.latencies), r.firstErr)
	}
}

func TestBareHandlerServesByRequestURI(t *testing.T) {
	rec := http.Header{"Content-Type": {"application/json; charset=utf-8"}, "Content-Length": {"7"}, "Etag": {`"abc"`}, "X-Frame-Options": {"DENY"}}
	e := []endpoint{{path: "/api/articles?limit=20", body: []byte(`{"a":1}`), header: rec}}
	w := httptest.NewRecorder()
	bareHandler(e, true).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/articles?limit=20", nil))
	if w.Header().Get("Etag") != `"abc"` || w.Header().Get("X-Frame-Options") != "DENY" || w.Body.String() != `{"a":1}` {
		t.Errorf("with headers: %v %q, want the recorded headers and body", w.Header(), w.Body)
	}
	h := bareHandler(e, false)
	for target, want := range map[string]int{"/api/articles?limit=20": 200, "/api/articles": 404, "/api/articles?limit=10": 404} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		if w.Code != want {
			t.Errorf("GET %s = %d, want %d", target, w.Code, want)
		}
		if want == 200 && (w.Body.String() != `{"a":1}` || w.Header().Get("Content-Length") != "7" || w.Header().Get("Etag") != "") {
			t.Errorf("GET %s = %q with Content-Length %q, want the recorded bytes, framed by length", target, w.Body, w.Header().Get("Content-Length"))
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	good := options{duration: 5 * time.Second, warmup: time.Second, rounds: 5, conns: 64, maxRequests: 1000, backend: backendOptions{store: "memory"}}
	if err := good.validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for name, mutate := range map[string]func(*options){
		"zero conns":                 func(o *options) { o.conns = 0 },
		"too many conns":             func(o *options) { o.conns = 5000 },
		"zero duration":              func(o *options) { o.duration = 0 },
		"duration over a minute":     func(o *options) { o.duration = 2 * time.Minute },
		"zero rounds":                func(o *options) { o.rounds = 0 },
		"fewer requests than rounds": func(o *options) { o.maxRequests = 4 },
		"unknown store":              func(o *options) { o.backend.store = "mongo" },
		"postgres without a URL":     func(o *options) { o.backend.store = "postgres" },
	} {
		o := good
		mutate(&o)
		if o.validate() == nil {
			t.Errorf("%s: validate accepted it", name)
		}
	}
}
