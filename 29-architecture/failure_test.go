package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"workbook/29-architecture/adapters/chanqueue"
	"workbook/29-architecture/adapters/paymentclient"
	"workbook/29-architecture/domain"
	"workbook/29-architecture/fakepayment"
	"workbook/serve/problem/problemtest"
)

// Failing parts. "Down" answers at once with an error, as a refused
// connection does; "slow" answers only when the caller gives up.

type downCache struct{}

func (downCache) Product(context.Context, string) (domain.Product, bool, error) {
	return domain.Product{}, false, errors.New("dial tcp 127.0.0.1:11211: connection refused")
}
func (downCache) SetProduct(context.Context, domain.Product) error {
	return errors.New("dial tcp 127.0.0.1:11211: connection refused")
}

type slowCache struct{}

func (slowCache) Product(ctx context.Context, _ string) (domain.Product, bool, error) {
	<-ctx.Done()
	return domain.Product{}, false, ctx.Err()
}
func (slowCache) SetProduct(ctx context.Context, _ domain.Product) error {
	<-ctx.Done()
	return ctx.Err()
}

type downStore struct{}

var errStoreDown = errors.New(`pq: connection to "10.0.0.5:5432" refused`)

func (downStore) Product(context.Context, string) (domain.Product, error) {
	return domain.Product{}, errStoreDown
}
func (downStore) SaveOrder(context.Context, domain.Order) error { return errStoreDown }
func (downStore) Order(context.Context, string) (domain.Order, error) {
	return domain.Order{}, errStoreDown
}
func (downStore) OrdersWithStatus(context.Context, string) ([]domain.Order, error) {
	return nil, errStoreDown
}

// slowStore reads products at once but hangs on writes: the order cannot be kept.
type slowStore struct{ downStore }

func (slowStore) Product(_ context.Context, sku string) (domain.Product, error) {
	return domain.Product{SKU: sku, Name: sku, PriceCents: 100}, nil
}
func (slowStore) SaveOrder(ctx context.Context, _ domain.Order) error { <-ctx.Done(); return ctx.Err() }

// failureMode is one row of the README's failure-mode table.
type failureMode struct {
	component, failure, request, sees string
	parts                             func(t *testing.T) parts
	check                             func(t *testing.T, r *rig, resp *http.Response, body string)
}

func closedURL(t *testing.T) string {
	s := httptest.NewServer(http.NotFoundHandler())
	s.Close()
	return s.URL
}

// hang is a handler that answers only when its client gives up.
var hang = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })

var failureModes = []failureMode{
	{"cache", "down", "GET /products/mug", "200 from the store, `\"degraded\": [\"cache\"]`",
		func(*testing.T) parts { return parts{cache: downCache{}} }, wantDegradedRead},
	{"cache", "slow", "GET /products/mug", "200 from the store after the cache's 50 ms budget, `\"degraded\": [\"cache\"]`",
		func(*testing.T) parts { return parts{cache: slowCache{}} }, wantDegradedRead},
	{"store", "down", "GET /products/mug", "503 problem, `Retry-After: 5`, no driver text",
		func(*testing.T) parts { return parts{store: downStore{}} }, want503},
	{"store", "slow", "POST /orders", "503 problem, `Retry-After: 5` after the store's 500 ms budget",
		func(*testing.T) parts { return parts{store: slowStore{}} }, want503},
	{"queue", "down", "POST /orders", "202, order persisted `pending`, `\"queued\": false`; redelivered later",
		func(*testing.T) parts {
			q := chanqueue.New(1, slog.New(slog.DiscardHandler))
			q.Start(func(context.Context, domain.Job) error { return nil })
			_ = q.Stop(context.Background()) // a stopped queue refuses at once
			return parts{queue: q}
		}, wantPersistedNotQueued},
	{"queue", "slow", "POST /orders", "202 after the 100 ms publish budget, order persisted `pending`, `\"queued\": false`",
		func(*testing.T) parts {
			// No worker and no buffer: Publish blocks until its deadline.
			return parts{queue: chanqueue.New(0, slog.New(slog.DiscardHandler))}
		}, wantPersistedNotQueued},
	{"payment", "down", "POST /orders", "202, `\"payment\": \"deferred\"`; the worker retries",
		func(t *testing.T) parts { return parts{paymentURL: closedURL(t)} }, wantPaymentDeferred},
	{"payment", "hangs", "POST /orders", "202 after the 300 ms payment budget, `\"payment\": \"deferred\"`",
		func(*testing.T) parts { return parts{payment: fakepayment.Handler(time.Hour)} }, wantPaymentDeferred},
	{"edge", "app down", "GET /products/mug", "502 problem from the edge",
		func(t *testing.T) parts { return parts{appURL: closedURL(t)} }, wantEdge(http.StatusBadGateway)},
	{"edge", "app slow", "GET /products/mug", "504 problem from the edge after its header timeout (10 s; 100 ms in the test)",
		func(*testing.T) parts { return parts{app: hang, edgeWait: 100 * time.Millisecond} }, wantEdge(http.StatusGatewayTimeout)},
}

func decodeJSON(t *testing.T, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("body %q is not JSON: %v", body, err)
	}
	return m
}

func wantDegradedRead(t *testing.T, _ *rig, resp *http.Response, body string) {
	m := decodeJSON(t, body)
	if resp.StatusCode != 200 || m["source"] != "store" || fmt.Sprint(m["degraded"]) != "[cache]" || m["priceCents"] != 1200.0 {
		t.Errorf("got %d %s, want 200 from the store, degraded [cache]", resp.StatusCode, body)
	}
}

func want503(t *testing.T, _ *rig, resp *http.Response, body string) {
	problemtest.Want(t, resp.StatusCode, resp.Header, body, http.StatusServiceUnavailable, "")
	if ra := resp.Header.Get("Retry-After"); ra != "5" {
		t.Errorf("Retry-After = %q, want 5", ra)
	}
	if leaks := problemtest.Leaked(body, "pq:", "10.0.0.5", "deadline"); len(leaks) > 0 {
		t.Errorf("503 body leaks %v: %s", leaks, body)
	}
}

func wantPersistedNotQueued(t *testing.T, r *rig, resp *http.Response, body string) {
	m := decodeJSON(t, body)
	if resp.StatusCode != http.StatusAccepted || m["queued"] != false || m["status"] != domain.StatusPending {
		t.Fatalf("got %d %s, want 202 pending, queued false", resp.StatusCode, body)
	}
	o, err := r.store.Order(context.Background(), m["id"].(string))
	if err != nil || o.Status != domain.StatusPending {
		t.Errorf("store has %+v, %v; want the order persisted pending", o, err)
	}
	if !strings.Contains(fmt.Sprint(m["degraded"]), "queue") {
		t.Errorf("degraded = %v, want it to name the queue", m["degraded"])
	}
}

func wantPaymentDeferred(t *testing.T, r *rig, resp *http.Response, body string) {
	m := decodeJSON(t, body)
	if resp.StatusCode != http.StatusAccepted || m["payment"] != domain.PaymentDeferred || m["queued"] != true {
		t.Fatalf("got %d %s, want 202, payment deferred, queued", resp.StatusCode, body)
	}
	if !strings.Contains(fmt.Sprint(m["degraded"]), "payment") {
		t.Errorf("degraded = %v, want it to name payment", m["degraded"])
	}
	if _, err := r.store.Order(context.Background(), m["id"].(string)); err != nil {
		t.Errorf("the order was not persisted: %v", err)
	}
}

func wantEdge(status int) func(*testing.T, *rig, *http.Response, string) {
	return func(t *testing.T, _ *rig, resp *http.Response, body string) {
		problemtest.Want(t, resp.StatusCode, resp.Header, body, status, "/products/mug")
		if resp.Header.Get("Via") != "1.1 edge" || resp.Header.Get("X-Request-Id") == "" {
			t.Errorf("edge error headers %v: want Via and X-Request-Id", resp.Header)
		}
	}
}

// TestFailureModes makes each component fail in turn and asserts what the
// user sees. The README's table is rendered from these rows.
func TestFailureModes(t *testing.T) {
	for _, fm := range failureModes {
		t.Run(fm.component+" "+fm.failure, func(t *testing.T) {
			t.Parallel()
			r := newRig(t, fm.parts(t))
			method, path, _ := strings.Cut(fm.request, " ")
			body := ""
			if method == "POST" {
				body = `{"sku":"mug","qty":1}`
			}
			resp, got := r.do(t, method, path, body)
			fm.check(t, r, resp, got)
		})
	}
}

// failureTable renders failureModes as the README's Markdown table.
func failureTable() string {
	var b strings.Builder
	b.WriteString("| Component | Failure | Request | What the user sees |\n|---|---|---|---|\n")
	for _, fm := range failureModes {
		fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", fm.component, fm.failure, fm.request, fm.sees)
	}
	return b.String()
}

func TestReadmeFailureTableMatchesTest(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := failureTable(); !strings.Contains(string(readme), want) {
		t.Errorf("README.md's failure-mode table is not the one TestFailureModes checks; paste this:\n\n%s", want)
	}
}

// TestRedeliverQueuesPendingOrders: an order the queue refused is not lost;
// once the queue is back, Redeliver hands it to the worker.
func TestRedeliverQueuesPendingOrders(t *testing.T) {
	r := newRig(t, parts{queue: chanqueue.New(0, slog.New(slog.DiscardHandler))})
	_, body := r.do(t, "POST", "/orders", `{"sku":"tee","qty":1}`)
	id := decodeJSON(t, body)["id"].(string)

	logger := slog.New(slog.DiscardHandler)
	q := chanqueue.New(8, logger)
	ps := httptest.NewServer(fakepayment.Handler(0))
	defer ps.Close()
	svc, _ := wireApp(r.store, downCache{}, q, paymentclient.New(ps.URL, 10*time.Second), relaxed, r.traces, logger)
	q.Start(svc.Fulfil)
	if n, err := svc.Redeliver(context.Background()); n != 1 || err != nil {
		t.Fatalf("Redeliver = %d, %v; want 1 order queued", n, err)
	}
	if err := q.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if o, _ := r.store.Order(context.Background(), id); o.Status != domain.StatusFulfilled {
		t.Errorf("after redelivery the order is %q, want fulfilled", o.Status)
	}
}
