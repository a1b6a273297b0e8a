package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"workbook/29-architecture/adapters/chanqueue"
	"workbook/29-architecture/adapters/memstore"
	"workbook/29-architecture/adapters/paymentclient"
	"workbook/29-architecture/adapters/ttlcache"
	"workbook/29-architecture/edge"
	"workbook/29-architecture/fakepayment"
	"workbook/29-architecture/ports"
	"workbook/29-architecture/service"
	"workbook/29-architecture/trace"
	"workbook/serve/problem/problemtest"
)

// parts is what a test may swap before the system is wired: nil means
// the real adapter.
type parts struct {
	cache      ports.Cache
	store      ports.Store
	queue      ports.Queue
	payment    http.Handler // the provider's handler; nil: fakepayment.Handler(0)
	paymentURL string       // overrides payment: e.g. a closed server's URL
	app        http.Handler // overrides the app behind the edge
	appURL     string       // overrides app: e.g. a closed server's URL
	edgeWait   time.Duration
	timeouts   service.Timeouts // zero: testTimeouts
}

// rig is a whole system on loopback listeners, as main builds it.
type rig struct {
	edge   *httptest.Server
	store  *memstore.Store // the real store (also when p.store wraps it)
	traces *trace.Log
}

// testTimeouts are main's: the failure table's budgets are the server's.
var testTimeouts = service.DefaultTimeouts()

// relaxed budgets are for tests where nothing fails: a loaded machine
// must not turn a healthy call into a timeout.
var relaxed = service.Timeouts{Cache: 5 * time.Second, Store: 5 * time.Second, Payment: 5 * time.Second, Publish: 5 * time.Second}

func newRig(t *testing.T, p parts) *rig {
	t.Helper()
	logger := slog.New(slog.DiscardHandler)
	r := &rig{store: memstore.New(memstore.Catalogue()...), traces: trace.NewLog(64, time.Now, logger)}
	if p.store == nil {
		p.store = r.store
	}
	if p.cache == nil {
		p.cache = ttlcache.New(time.Minute, 100, time.Now)
	}
	if p.paymentURL == "" {
		h := p.payment
		if h == nil {
			h = fakepayment.Handler(0)
		}
		ps := httptest.NewServer(h)
		t.Cleanup(ps.Close)
		p.paymentURL = ps.URL
	}
	var q *chanqueue.Queue
	if p.queue == nil {
		q = chanqueue.New(8, logger)
		p.queue = q
	}
	if p.timeouts == (service.Timeouts{}) {
		p.timeouts = testTimeouts
	}
	svc, app := wireApp(p.store, p.cache, p.queue, paymentclient.New(p.paymentURL, 10*time.Second), p.timeouts, r.traces, logger)
	if q != nil {
		q.Start(svc.Fulfil)
		t.Cleanup(func() { _ = q.Stop(context.Background()) })
	}
	if p.app != nil {
		app = p.app
	}
	if p.appURL == "" {
		as := httptest.NewServer(problemtest.WatchErrors(t, app))
		t.Cleanup(as.Close)
		p.appURL = as.URL
	}
	if p.edgeWait == 0 {
		p.edgeWait = 5 * time.Second
	}
	u, err := url.Parse(p.appURL)
	if err != nil {
		t.Fatal(err)
	}
	r.edge = httptest.NewServer(problemtest.WatchErrors(t, edge.New(u, r.traces, logger, p.edgeWait)))
	t.Cleanup(r.edge.Close)
	return r
}

// do sends a request to the edge and returns the response and its body.
func (r *rig) do(t *testing.T, method, path, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, r.edge.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.edge.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func components(hops []trace.Hop) []string {
	var out []string
	for _, h := range hops {
		out = append(out, h.Component)
	}
	return out
}

// TestTraceShowsEveryHop places an order through the edge and follows its
// trace into the worker, after the response has gone.
func TestTraceShowsEveryHop(t *testing.T) {
	r := newRig(t, parts{timeouts: relaxed})
	resp, body := r.do(t, "POST", "/orders", `{"sku":"mug","qty":2}`)
	if resp.StatusCode != http.StatusAccepted || !strings.Contains(body, `"totalCents": 2400`) || !strings.Contains(body, `"payment": "authorized"`) {
		t.Fatalf("POST /orders = %d %s, want 202 with total 2400, payment authorized", resp.StatusCode, body)
	}
	if resp.Header.Get("Via") != "1.1 edge" || resp.Header.Get("Location") == "" {
		t.Errorf("headers %v: want Via: 1.1 edge and a Location", resp.Header)
	}
	id := resp.Header.Get("X-Request-Id")
	want := []string{"edge", "handler", "service", "cache", "store", "payment", "store", "queue", "worker", "worker", "store"}
	var got []string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		tr, ok := r.traces.Get(id)
		if !ok {
			t.Fatalf("no trace filed under the response's X-Request-Id %q", id)
		}
		if got = components(tr.Hops()); len(got) >= len(want) {
			break
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("hops = %v, want %v", got, want)
	}
	_, text := r.do(t, "GET", "/trace/"+id, "")
	for _, s := range []string{"request " + id, "edge", "cache    miss mug", "worker", "fulfilled"} {
		if !strings.Contains(text, s) {
			t.Errorf("GET /trace/%s lacks %q:\n%s", id, s, text)
		}
	}
	// The price is cached now: the next read does not reach the store.
	resp, body = r.do(t, "GET", "/products/mug", "")
	if resp.StatusCode != 200 || !strings.Contains(body, `"source": "cache"`) {
		t.Errorf("second read = %d %s, want 200 from the cache", resp.StatusCode, body)
	}
	tr, _ := r.traces.Get(resp.Header.Get("X-Request-Id"))
	if got := components(tr.Hops()); !slices.Equal(got, []string{"edge", "handler", "service", "cache"}) {
		t.Errorf("cache-hit hops = %v, want edge handler service cache", got)
	}
}

// TestEdgeReplacesClientRequestID: the edge is the trust boundary.
func TestEdgeReplacesClientRequestID(t *testing.T) {
	r := newRig(t, parts{timeouts: relaxed})
	req, _ := http.NewRequest("GET", r.edge.URL+"/products/tee", nil)
	req.Header.Set("X-Request-Id", "chosen-by-client")
	resp, err := r.edge.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if id := resp.Header.Get("X-Request-Id"); id == "" || id == "chosen-by-client" || len(resp.Header.Values("X-Request-Id")) != 1 {
		t.Errorf("X-Request-Id = %q, want one fresh ID from the edge", resp.Header.Values("X-Request-Id"))
	}
}
