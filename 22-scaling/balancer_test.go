package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"workbook/serve/problem/problemtest"
)

var quiet = slog.New(slog.DiscardHandler)

func testConfig() config {
	return config{instances: 3, strategy: "round-robin", weights: []int{1, 1, 1}, workTime: 5 * time.Millisecond,
		health: healthConfig{interval: 50 * time.Millisecond, timeout: 40 * time.Millisecond, unhealthyAfter: 2, healthyAfter: 2}}
}

// startCluster runs a cluster behind a real loopback listener.
func startCluster(t *testing.T, cfg config) (*cluster, string) {
	t.Helper()
	db := &dbRouter{db: &fakeDB{lag: time.Second, now: time.Now}, ryw: time.Second, now: time.Now}
	c, err := newCluster(cfg, db, quiet)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.run(ctx, ln, cfg.health, quiet) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("cluster.run: %v", err)
		}
	})
	return c, "http://" + ln.Addr().String()
}

func newClient() *http.Client {
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 16}}
}

type sample struct {
	start, end time.Time
	backend    string
	failed     bool
}

// TestKillMidLoad kills one instance while 8 workers send POSTs through the
// balancer. The only requests allowed to fail are those that were at that
// instance when it died: started before the balancer ejected it, ended
// after the kill began.
func TestKillMidLoad(t *testing.T) {
	c, base := startCluster(t, testConfig())
	client := newClient()
	cfg := loadConfig{url: base + "/work", method: "POST", body: `{"n":1}`}
	victim := c.lb.backends[1]

	var (
		mu       sync.Mutex
		samples  []sample
		sent     atomic.Int64
		killed   = make(chan struct{})
		inFlight int64
		killT    time.Time
	)
	const total, killAt = 1500, 400
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for sent.Add(1) <= total && ctx.Err() == nil {
				s := sample{start: time.Now()}
				backend, err := once(ctx, client, cfg)
				s.end, s.backend, s.failed = time.Now(), backend, err != nil
				mu.Lock()
				samples = append(samples, s)
				mu.Unlock()
			}
		})
	}
	wg.Go(func() {
		defer close(killed)
		for sent.Load() < killAt && ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
		inFlight = victim.active.Load()
		killT = time.Now()
		c.instances[1].kill()
	})
	wg.Wait()
	<-killed

	ejected := time.Unix(0, victim.ejectAt.Load())
	if victim.ejectAt.Load() == 0 || victim.healthy.Load() {
		t.Fatalf("%s was never taken out after the kill", victim.name)
	}
	var failed, after, window int
	for _, s := range samples {
		if s.start.After(ejected) && s.backend == victim.name {
			after++
		}
		if s.backend == victim.name && s.start.Before(ejected) && !s.end.Before(killT) {
			window++ // at the victim between the kill and its ejection
		}
		if !s.failed {
			continue
		}
		failed++
		if s.backend != victim.name || !s.start.Before(ejected) || s.end.Before(killT) {
			t.Errorf("a request to %q (%s → %s) failed that was not in flight at %s when it died (killed %s, ejected %s)",
				s.backend, s.start.Format(time.StampMicro), s.end.Format(time.StampMicro), victim.name,
				killT.Format(time.StampMicro), ejected.Format(time.StampMicro))
		}
	}
	if len(samples) != total {
		t.Errorf("sent %d requests, want %d", len(samples), total)
	}
	if after > 0 {
		t.Errorf("%d requests reached %s after it was ejected", after, victim.name)
	}
	t.Logf("kill test: sent %d, failed %d; at %s: %d active when killed, %d between the kill and its ejection %s later",
		len(samples), failed, victim.name, inFlight, window, ejected.Sub(killT).Round(time.Microsecond))

	// Restarted, it comes back after healthy-after good probes.
	if err := c.instances[1].start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !victim.healthy.Load() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !victim.healthy.Load() {
		t.Errorf("%s restarted but never healthy again", victim.name)
	}
}

// TestDialFailureGoesElsewhere: a backend that refuses connections costs
// the client nothing — the request never left, so another backend gets it.
func TestDialFailureGoesElsewhere(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := &url.URL{Scheme: "http", Host: ln.Addr().String()}
	ln.Close() // nothing listens there now
	live := &instance{handler: newApp("app-2", nil, false, 0).routes(), logger: quiet}
	if err := live.start(); err != nil {
		t.Fatal(err)
	}
	defer live.kill()
	lb := newBalancer([]*url.URL{dead, {Scheme: "http", Host: live.addr}}, []int{1, 1}, roundRobin(), quiet)
	for i := range 4 {
		rec := &recorder{header: http.Header{}}
		lb.ServeHTTP(rec, newPost(t, "/work?ms=0", "x"))
		if rec.code != 200 || rec.header.Get("X-Backend") != "app-2" {
			t.Errorf("request %d: %d from %q, want 200 from app-2", i, rec.code, rec.header.Get("X-Backend"))
		}
	}
	if lb.backends[0].healthy.Load() {
		t.Error("the refusing backend is still marked healthy")
	}
}

// TestBalancerErrors: 413 for an oversize body, 503 with nobody healthy,
// 502 (never a replay) when a backend dies mid-request.
func TestBalancerErrors(t *testing.T) {
	hang := make(chan struct{})
	var in *instance
	in = &instance{logger: quiet, handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(hang)
		in.kill()
	})}
	if err := in.start(); err != nil {
		t.Fatal(err)
	}
	lb := newBalancer([]*url.URL{{Scheme: "http", Host: in.addr}}, []int{1}, roundRobin(), quiet)
	h := problemtest.WatchErrors(t, lb)

	rec := &recorder{header: http.Header{}}
	h.ServeHTTP(rec, newPost(t, "/work", "x"))
	<-hang
	problemtest.Want(t, rec.code, rec.header, rec.body.String(), 502, "/work")

	rec = &recorder{header: http.Header{}}
	h.ServeHTTP(rec, newPost(t, "/work", "x"))
	problemtest.Want(t, rec.code, rec.header, rec.body.String(), 503, "/work")

	lb.backends[0].healthy.Store(true)
	rec = &recorder{header: http.Header{}}
	h.ServeHTTP(rec, newPost(t, "/work", strings.Repeat("x", maxBody+1)))
	problemtest.Want(t, rec.code, rec.header, rec.body.String(), 413, "/work")
}

func newPost(t *testing.T, target, body string) *http.Request {
	t.Helper()
	r, err := http.NewRequest("POST", "http://lb"+target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.RequestURI = target
	r.RemoteAddr = "127.0.0.1:5555"
	return r
}

// recorder is a ResponseWriter that a ReverseProxy can use without
// httptest's CloseNotify-less limits getting in the way.
type recorder struct {
	header http.Header
	code   int
	body   strings.Builder
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(c int) {
	if r.code == 0 {
		r.code = c
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(200)
	return r.body.Write(b)
}

func TestHealthHysteresis(t *testing.T) {
	lb := &balancer{logger: quiet}
	b := &backend{name: "app-1"}
	b.healthy.Store(true)
	hc := healthConfig{unhealthyAfter: 3, healthyAfter: 2}
	steps := []struct {
		ok          bool
		wantHealthy bool
	}{
		{false, true}, {false, true}, {true, true}, // a blip resets the count
		{false, true}, {false, true}, {false, false}, // K=3 in a row: out
		{true, false}, {false, false}, {true, false}, {true, true}, // M=2 in a row: back
	}
	for i, s := range steps {
		lb.observe(b, s.ok, hc)
		if b.healthy.Load() != s.wantHealthy {
			t.Fatalf("after probe %d (ok=%v) healthy = %v, want %v", i+1, s.ok, b.healthy.Load(), s.wantHealthy)
		}
	}
	lb.eject(b, io.EOF)
	lb.observe(b, true, hc)
	if b.healthy.Load() {
		t.Error("one good probe after a passive ejection brought it back; want healthy-after in a row")
	}
	lb.observe(b, true, hc)
	if !b.healthy.Load() {
		t.Error("two good probes after an ejection did not bring it back")
	}
}

func TestProbe(t *testing.T) {
	slow := make(chan struct{})
	defer close(slow)
	in := &instance{logger: quiet, handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("mode") {
		case "slow":
			<-slow
		case "sick":
			w.WriteHeader(503)
		}
	})}
	if err := in.start(); err != nil {
		t.Fatal(err)
	}
	defer in.kill()
	client := &http.Client{Timeout: 100 * time.Millisecond}
	for _, tc := range []struct {
		mode string
		want bool
	}{{"", true}, {"sick", false}, {"slow", false}} {
		// JoinPath keeps the query, so the handler sees ?mode= on /healthz.
		b := &backend{url: &url.URL{Scheme: "http", Host: in.addr, RawQuery: "mode=" + tc.mode}}
		if got := probe(context.Background(), client, b); got != tc.want {
			t.Errorf("probe of a %q backend = %v, want %v", tc.mode, got, tc.want)
		}
	}
}
