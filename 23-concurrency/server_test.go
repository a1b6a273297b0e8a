package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"workbook/serve/problem/problemtest"
)

// newTestApp builds the server with cfg's knobs and a silent logger; the
// pool is stopped when the test ends.
func newTestApp(t *testing.T, cfg config) (*app, http.Handler) {
	t.Helper()
	a := newApp(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(a.close)
	return a, problemtest.WatchErrors(t, routes(a))
}

var testConfig = config{workers: 2, fanoutLimit: 3, callTimeout: 300 * time.Millisecond, renderCapacity: 4}

func do(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	return doCtx(context.Background(), h, method, target, body)
}

func doCtx(ctx context.Context, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequestWithContext(ctx, method, target, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	return v
}

// The aggregator runs in a synctest bubble: the fake clock makes every
// elapsed time exact, so the limit, the deadlines and the cancellation are
// checked by when things finished, with no real sleeping.
func TestAggregate(t *testing.T) {
	cases := []struct {
		name      string
		limit     int
		query     string
		status    int
		elapsed   time.Duration
		statuses  string // each part's status, in order
		cancelled int64
	}{
		// limit 3: profile, articles, comments start at 0; tags when profile
		// ends (50 ms); recommendations when comments and tags end (80 ms),
		// so it ends at 280 ms. Without the limit it would be 200 ms.
		{"all answer, three at a time", 3, "", 200, 280 * time.Millisecond, "ok ok ok ok ok", 0},
		{"one at a time", 1, "", 200, 480 * time.Millisecond, "ok ok ok ok ok", 0},
		// tags starts at 50 ms and hits its 300 ms deadline at 350 ms: partial.
		{"a late source is a timeout part", 3, "?slow=tags", 200, 350 * time.Millisecond, "ok ok ok timeout ok", 0},
		{"subset in the asked order", 3, "?sources=tags,profile", 200, 50 * time.Millisecond, "ok ok", 0},
		// comments fails at 40 ms: profile and articles are cancelled in
		// flight, tags and recommendations start cancelled and stop at once.
		{"first error cancels the rest", 3, "?fail=comments", 502, 40 * time.Millisecond, "", 4},
		// one at a time, every call 300 ms: the 1 s budget ends in the fourth.
		{"budget", 1, "?slow=profile,articles,comments,tags,recommendations", 504, time.Second, "", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				cfg := testConfig
				cfg.fanoutLimit = tc.limit
				a, h := newTestApp(t, cfg)
				start := time.Now()
				rec := do(h, "GET", "/aggregate"+tc.query, "")
				if took := time.Since(start); took != tc.elapsed {
					t.Errorf("GET /aggregate%s took %s, want %s", tc.query, took, tc.elapsed)
				}
				if tc.status != 200 {
					p := problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), tc.status, "/aggregate"+tc.query)
					if tc.status == 502 && !strings.Contains(p.Detail, "comments") {
						t.Errorf("502 detail %q does not name the failed source", p.Detail)
					}
				} else {
					if rec.Code != 200 {
						t.Fatalf("GET /aggregate%s = %d %s", tc.query, rec.Code, rec.Body)
					}
					res := decode[aggregate](t, rec)
					var got []string
					for _, p := range res.Parts {
						got = append(got, p.Status)
						if p.Status == "ok" && !strings.HasPrefix(p.Value, p.Source) {
							t.Errorf("part %+v carries another source's value", p)
						}
					}
					if strings.Join(got, " ") != tc.statuses {
						t.Errorf("part statuses = %q, want %q", got, tc.statuses)
					}
					if res.Partial != strings.Contains(tc.statuses, "timeout") {
						t.Errorf("partial = %v with statuses %q", res.Partial, got)
					}
					if res.ElapsedMS != tc.elapsed.Milliseconds() {
						t.Errorf("elapsed_ms = %d, want %d", res.ElapsedMS, tc.elapsed.Milliseconds())
					}
				}
				if n := a.stats.cancelledCalls.Load(); n != tc.cancelled {
					t.Errorf("cancelled calls = %d, want %d", n, tc.cancelled)
				}
			})
		})
	}
}

func TestAggregateOrderOfSubset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, h := newTestApp(t, testConfig)
		res := decode[aggregate](t, do(h, "GET", "/aggregate?sources=recommendations,tags", ""))
		if len(res.Parts) != 2 || res.Parts[0].Source != "recommendations" || res.Parts[1].Source != "tags" {
			t.Errorf("parts = %+v, want recommendations then tags (request order, not finish order)", res.Parts)
		}
	})
}

func TestAggregateBadQuery(t *testing.T) {
	_, h := newTestApp(t, testConfig)
	for _, q := range []string{"?sources=nope", "?sources=", "?fail=tags,tags", "?slow=x"} {
		rec := do(h, "GET", "/aggregate"+q, "")
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 400, "/aggregate"+q)
	}
}

// Ten concurrent requests for one profile make one fetch.
func TestProfilesSingleflight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, h := newTestApp(t, testConfig)
		var wg sync.WaitGroup
		recs := make([]*httptest.ResponseRecorder, 10)
		for i := range recs {
			wg.Go(func() { recs[i] = do(h, "GET", "/profiles/alice", "") })
		}
		synctest.Wait() // all ten are inside: one fetching, nine waiting for it
		if r, f := a.stats.profileRequests.Load(), a.stats.profileFetches.Load(); r != 10 || f != 1 {
			t.Errorf("while in flight: %d requests, %d fetches; want 10, 1", r, f)
		}
		wg.Wait()
		for i, rec := range recs {
			res := decode[profileResult](t, rec)
			if rec.Code != 200 || res.Profile.Username != "alice" || !res.Shared {
				t.Errorf("request %d = %d %+v, want 200 alice shared", i, rec.Code, res)
			}
		}
		res := decode[profileResult](t, do(h, "GET", "/profiles/alice", "")) // the flight is over: a new fetch
		if f := a.stats.profileFetches.Load(); f != 2 || res.Shared {
			t.Errorf("later request: %d fetches, shared %v; want 2, false", f, res.Shared)
		}
	})
}

// A caller that hangs up stops waiting alone; the shared fetch goes on.
func TestProfilesCallerCancelDoesNotCancelFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, h := newTestApp(t, testConfig)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		var wg sync.WaitGroup
		var first, second *httptest.ResponseRecorder
		wg.Go(func() { first = doCtx(ctx, h, "GET", "/profiles/bob", "") })
		synctest.Wait()
		start := time.Now()
		wg.Go(func() { second = do(h, "GET", "/profiles/bob", "") })
		wg.Wait()
		if took := time.Since(start); took != profileLatency {
			t.Errorf("second caller waited %s, want the fetch's %s", took, profileLatency)
		}
		if first.Body.Len() != 0 {
			t.Errorf("a hung-up caller got a body: %s", first.Body)
		}
		if second.Code != 200 || a.stats.profileFetches.Load() != 1 {
			t.Errorf("second caller = %d after %d fetches, want 200 after 1", second.Code, a.stats.profileFetches.Load())
		}
	})
}

func TestRenderSemaphore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, h := newTestApp(t, testConfig)
		var wg sync.WaitGroup
		var big *httptest.ResponseRecorder
		wg.Go(func() { big = do(h, "GET", "/render?weight=4", "") })
		synctest.Wait() // the weight-4 render holds the whole capacity
		start := time.Now()
		rec := do(h, "GET", "/render?weight=1", "")
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/render?weight=1")
		if ra := rec.Header().Get("Retry-After"); ra != "1" {
			t.Errorf("503 Retry-After = %q, want 1", ra)
		}
		if took := time.Since(start); took != renderWait {
			t.Errorf("rejected after %s, want after queueing %s", took, renderWait)
		}
		wg.Wait()
		if big.Code != 200 {
			t.Errorf("weight 4 = %d, want 200", big.Code)
		}
		if rec := do(h, "GET", "/render?weight=1", ""); rec.Code != 200 {
			t.Errorf("weight 1 after the big one = %d, want 200", rec.Code)
		}
		if s := a.stats.snapshot(); s.RenderServed != 2 || s.RenderRejected != 1 {
			t.Errorf("served %d rejected %d, want 2 and 1", s.RenderServed, s.RenderRejected)
		}
		// Two of weight 2 fit together: both finish at 200 ms.
		start = time.Now()
		wg.Go(func() { do(h, "GET", "/render?weight=2", "") })
		if rec := do(h, "GET", "/render?weight=2", ""); rec.Code != 200 || time.Since(start) != 200*time.Millisecond {
			t.Errorf("second weight-2 render = %d after %s, want 200 after 200ms", rec.Code, time.Since(start))
		}
		wg.Wait()
	})
}

func TestRenderBadWeight(t *testing.T) {
	_, h := newTestApp(t, testConfig)
	for _, q := range []string{"", "?weight=0", "?weight=5", "?weight=x", "?weight=-1"} {
		rec := do(h, "GET", "/render"+q, "")
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 400, "/render"+q)
	}
}

func TestHashPool(t *testing.T) {
	a, h := newTestApp(t, testConfig)
	items := []string{"abc", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}
	body, _ := json.Marshal(hashRequest{Items: items, Rounds: 1})
	rec := do(h, "POST", "/hash", string(body))
	if rec.Code != 200 {
		t.Fatalf("POST /hash = %d %s", rec.Code, rec.Body)
	}
	res := decode[struct {
		Workers int      `json:"workers"`
		Results []hashed `json:"results"`
	}](t, rec)
	if res.Workers != 2 || len(res.Results) != len(items) {
		t.Fatalf("workers %d, %d results; want 2, %d", res.Workers, len(res.Results), len(items))
	}
	// FIPS 180-2 test vector for "abc".
	if got := res.Results[0].SHA256; got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("sha256(abc) = %s", got)
	}
	for i, r := range res.Results {
		if r.Item != items[i] || r.SHA256 != iterate(items[i], 1) || r.Worker < 0 || r.Worker > 1 {
			t.Errorf("result %d = %+v, want item %q in input order from worker 0 or 1", i, r, items[i])
		}
	}
	if n := a.stats.poolJobs.Load(); n != int64(len(items)) {
		t.Errorf("pool jobs = %d, want %d", n, len(items))
	}
	if got, want := iterate("abc", 2), iterate(string(mustHex(t, iterate("abc", 1))), 1); got != want {
		t.Errorf("iterate(abc, 2) = %s, want sha256(sha256(abc)) = %s", got, want)
	}
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b := make([]byte, len(s)/2)
	for i := range b {
		var v byte
		for _, c := range s[2*i : 2*i+2] {
			v <<= 4
			if c >= 'a' {
				v |= byte(c-'a') + 10
			} else {
				v |= byte(c - '0')
			}
		}
		b[i] = v
	}
	return b
}

// A request that ends while its jobs wait returns its context's error, and
// the workers skip the jobs left over without blocking.
func TestPoolCancelledRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := &stats{}
		p := newPool(1, st)
		defer p.close()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := p.hash(ctx, []string{"a", "b", "c"}, 1); err == nil {
			t.Error("hash with a cancelled context = nil error")
		}
		synctest.Wait()
		if n := st.poolJobs.Load(); n != 0 {
			t.Errorf("%d jobs of a cancelled request were worked", n)
		}
		if res, err := p.hash(context.Background(), []string{"x"}, 3); err != nil || res[0].SHA256 != iterate("x", 3) {
			t.Errorf("pool after a cancelled request: %v, %v", res, err)
		}
	})
}

func TestHashBadInput(t *testing.T) {
	_, h := newTestApp(t, testConfig)
	rec := do(h, "POST", "/hash", `{"items":["", "ok"],"rounds":0}`)
	p := problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 422, "/hash")
	var ptrs []string
	for _, e := range p.Errors {
		ptrs = append(ptrs, e.Pointer)
	}
	if strings.Join(ptrs, " ") != "/items/0 /rounds" {
		t.Errorf("422 pointers = %v, want /items/0 /rounds", ptrs)
	}
	rec = do(h, "POST", "/hash", `{"items":[]`)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 400, "/hash")
	rec = do(h, "POST", "/hash", `{"items":["a"],"rounds":1,"extra":1}`)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 400, "/hash")
	rec = do(h, "POST", "/hash", `{"items":["`+strings.Repeat("a", maxBody)+`"],"rounds":1}`)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 413, "/hash")
	req := httptest.NewRequest("POST", "/hash", strings.NewReader(`items=a`))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 415, "/hash")
}

// Opposite transfers at once would deadlock with call-order locking; with
// one global order they finish and money is neither made nor lost.
func TestLedgerLockOrdering(t *testing.T) {
	l := newLedger(map[string]int64{"alice": 1000, "bob": 1000})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for _, dir := range [][2]string{{"alice", "bob"}, {"bob", "alice"}} {
			for range 4 {
				wg.Go(func() {
					for range 2000 {
						_ = l.transfer(dir[0], dir[1], 1)
					}
				})
			}
		}
		wg.Wait()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("opposite transfers did not finish: deadlock")
	}
	if b := l.balances(); b["alice"]+b["bob"] != 2000 {
		t.Errorf("balances %v do not add up to 2000", b)
	}
	if err := l.transfer("alice", "alice", 1); err != errSameAccount {
		t.Errorf("transfer to self = %v, want errSameAccount", err)
	}
	if err := l.transfer("alice", "nobody", 1); err != errNoAccount {
		t.Errorf("transfer to nobody = %v, want errNoAccount", err)
	}
}

func TestTransfersHTTP(t *testing.T) {
	a, h := newTestApp(t, testConfig)
	rec := do(h, "POST", "/transfers", `{"from":"alice","to":"bob","amount":30}`)
	if b := decode[map[string]int64](t, rec); rec.Code != 200 || b["alice"] != 70 || b["bob"] != 130 {
		t.Errorf("transfer = %d %v", rec.Code, b)
	}
	rec = do(h, "POST", "/transfers", `{"from":"alice","to":"bob","amount":71}`)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 409, "/transfers")
	rec = do(h, "POST", "/transfers", `{"from":"zed","to":"zed","amount":0}`)
	p := problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 422, "/transfers")
	if len(p.Errors) != 3 {
		t.Errorf("422 errors = %+v, want from, to and amount", p.Errors)
	}
	rec = do(h, "POST", "/transfers", `{"from":"alice","to":"alice","amount":1}`)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 422, "/transfers")
	if a.stats.transfers.Load() != 1 {
		t.Errorf("transfers = %d, want 1", a.stats.transfers.Load())
	}
	if rec := do(h, "GET", "/accounts", ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"carol":100`) {
		t.Errorf("GET /accounts = %d %s", rec.Code, rec.Body)
	}
}

func TestMethodsAndPaths(t *testing.T) {
	_, h := newTestApp(t, testConfig)
	for _, c := range []struct{ method, target, allow string }{
		{"DELETE", "/stats", "GET, HEAD"},
		{"POST", "/aggregate", "GET, HEAD"},
		{"GET", "/hash", "POST"},
		{"PUT", "/transfers", "POST"},
	} {
		rec := do(h, c.method, c.target, "")
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, c.target)
		if got := rec.Header().Get("Allow"); got != c.allow {
			t.Errorf("%s %s Allow = %q, want %q", c.method, c.target, got, c.allow)
		}
	}
	rec := do(h, "GET", "/nope", "")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 404, "/nope")
	rec = do(h, "GET", "/profiles/Not-OK", "")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 400, "/profiles/Not-OK")
	if rec := do(h, "GET", "/stats", ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"profile_fetches":0`) {
		t.Errorf("GET /stats = %d %s", rec.Code, rec.Body)
	}
}
