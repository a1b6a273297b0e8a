package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sony/gobreaker/v2"
)

func calls(a *testApp) int {
	_, n := a.views.dep.state()
	return n
}

func TestRetriesRideOutAFlakyDependency(t *testing.T) {
	a := newTestApp(t)
	a.views.dep.setMode("flaky") // calls 1 and 2 fail, 3 succeeds
	rec := a.do("GET", "/articles/1/views", "")
	if rec.Code != 200 || calls(a) != 3 {
		t.Fatalf("flaky: %d after %d calls, want 200 after 3 (two retries)", rec.Code, calls(a))
	}
	if rec.Header().Get(staleHeader) != "" {
		t.Error("a fresh answer is marked stale")
	}
}

func TestBreakerOpensStopsCallingAndRecovers(t *testing.T) {
	a := newTestApp(t)
	a.views.dep.setMode("down")
	a.do("GET", "/articles/1/views", "") // 4 attempts: 4 consecutive failures
	if calls(a) != 4 || a.views.breaker.State() != gobreaker.StateClosed {
		t.Fatalf("after one call: %d dependency calls, breaker %v; want 4, closed", calls(a), a.views.breaker.State())
	}
	rec := a.do("GET", "/articles/1/views", "") // the 5th failure trips it; the retries are refused
	if calls(a) != 5 || a.views.breaker.State() != gobreaker.StateOpen {
		t.Fatalf("after two calls: %d dependency calls, breaker %v; want 5, open", calls(a), a.views.breaker.State())
	}
	lines := a.logs.forRequest(t, rec.Header().Get("X-Request-Id"))
	if len(lines) != 1 || !strings.Contains(lines[0]["err"].(string), "circuit breaker is open") ||
		!strings.Contains(lines[0]["err"].(string), "connection refused") {
		t.Errorf("tripping call logged %v, want the refusal and the dependency's own error", lines)
	}
	rec = a.do("GET", "/articles/2/views", "")
	if calls(a) != 5 {
		t.Errorf("an open breaker let a call through (%d calls)", calls(a))
	}
	if rec.Code != 503 || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("open breaker: %d, Retry-After %q; want 503, 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	changed := 0
	for _, l := range a.logs.lines(t) {
		if l["msg"] == "circuit breaker changed state" && l["to"] == "open" && l["level"] == "WARN" {
			changed++
		}
	}
	if changed != 1 {
		t.Errorf("%d WARN lines for the breaker opening, want 1", changed)
	}

	// After the open period, one probe goes through; its success closes it.
	time.Sleep(a.views.openFor + 20*time.Millisecond)
	a.views.dep.setMode("up")
	if rec := a.do("GET", "/articles/2/views", ""); rec.Code != 200 || calls(a) != 6 {
		t.Errorf("after the open period: %d after %d calls, want 200 after 6", rec.Code, calls(a))
	}
	if a.views.breaker.State() != gobreaker.StateClosed {
		t.Errorf("breaker %v after a good probe, want closed", a.views.breaker.State())
	}
}

func TestStaleFallback(t *testing.T) {
	a := newTestApp(t)
	if rec := a.do("GET", "/articles/1/views", ""); rec.Code != 200 {
		t.Fatalf("up: %d", rec.Code)
	}
	a.views.dep.setMode("down")
	rec := a.do("GET", "/articles/1/views", "")
	var body struct {
		Views int  `json:"views"`
		Stale bool `json:"stale"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	if rec.Code != 200 || rec.Header().Get(staleHeader) != "true" || body.Views != 1001 || !body.Stale {
		t.Errorf("down with a last value: %d %s=%q %s; want 200, true, views 1001, stale", rec.Code, staleHeader, rec.Header().Get(staleHeader), rec.Body)
	}
	lines := a.logs.forRequest(t, rec.Header().Get("X-Request-Id"))
	if len(lines) != 1 || lines[0]["level"] != "WARN" || !strings.Contains(lines[0]["err"].(string), "connection refused") {
		t.Errorf("stale answer logged %v, want one WARN line with the cause", lines)
	}
	// Another article has no last value: 503 with Retry-After.
	if rec := a.do("GET", "/articles/2/views", ""); rec.Code != 503 || rec.Header().Get("Retry-After") == "" {
		t.Errorf("down without a last value: %d, Retry-After %q; want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
}

// TestDeadlineKeepsTheLastError: when the budget runs out, the log says
// both that it ran out and what the dependency said last.
func TestDeadlineKeepsTheLastError(t *testing.T) {
	a := newTestApp(t)
	a.views.dep.setMode("slow")
	a.views.budget = 30 * time.Millisecond
	rec := a.do("GET", "/articles/1/views", "")
	lines := a.logs.forRequest(t, rec.Header().Get("X-Request-Id"))
	if rec.Code != 503 || len(lines) != 1 {
		t.Fatalf("slow: %d with %d log lines, want 503 with 1", rec.Code, len(lines))
	}
	if err := lines[0]["err"].(string); !strings.Contains(err, "deadline exceeded") || !strings.Contains(err, "SELECT") {
		t.Errorf("log err = %q, want the deadline and the dependency's last error", err)
	}
}

// TestClientGoneIsNotAFailure: a cancelled request is logged once at Info,
// answered with nothing, and not counted against the dependency.
func TestClientGoneIsNotAFailure(t *testing.T) {
	a := newTestApp(t)
	a.views.dep.setMode("slow")
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequestWithContext(ctx, "GET", "/articles/1/views", nil)
	rec := httptest.NewRecorder()
	time.AfterFunc(20*time.Millisecond, cancel)
	a.h.ServeHTTP(rec, req)
	if rec.Body.Len() != 0 {
		t.Errorf("answered a gone client with %q", rec.Body)
	}
	lines := a.logs.forRequest(t, rec.Header().Get("X-Request-Id"))
	if len(lines) != 1 || lines[0]["level"] != "INFO" || lines[0]["msg"] != "request abandoned by the client" {
		t.Errorf("log = %v, want one INFO line saying the client left", lines)
	}
	if n := a.views.breaker.Counts(); n.TotalFailures != 0 {
		t.Errorf("breaker counted %d failures for a cancelled call, want 0", n.TotalFailures)
	}
}
