package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"workbook/serve/problem/problemtest"

	"workbook/serve/problem"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type testEnv struct {
	h     http.Handler
	ts    *httptest.Server
	logs  *syncBuffer
	clock *fakeClock
}

// newTestEnv serves the whole chain on a loopback listener: flushing,
// hijacking, trailers and write deadlines need a real connection.
func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	logs := &syncBuffer{}
	cfg := defaultConfig()
	cfg.now = clock.Now
	h := newHandler(cfg, slog.New(slog.NewJSONHandler(logs, nil)))
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &testEnv{h: h, ts: ts, logs: logs, clock: clock}
}

// do sends a request straight to the handler.
func (e *testEnv) do(t *testing.T, method, path, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, path, rd)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	if w.Code >= 400 {
		assertNoInternals(t, method+" "+path, w.Body.String())
	}
	return w
}

// assertNoInternals fails the test when an error body carries internal
// text; do sends every error response of the server tests through it.
// Beyond problemtest.Internal (driver and SQL text, file paths, Go stack
// traces), the danger here is the panic in /panic, whose stack names /usr/
// paths, and the demo password.
func assertNoInternals(t *testing.T, what, body string) {
	t.Helper()
	for _, bad := range problemtest.Leaked(body, "/usr/", "hunter2") {
		t.Errorf("%s: error body leaks %q: %s", what, bad, body)
	}
}

// clientRequest builds a request for the test server's client.
func clientRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	if err != nil {
		t.Fatalf("http.NewRequest(%s %s): %v", method, url, err)
	}
	return req
}

var demoAuth = []string{"Authorization", "Bearer demo-token"}

// wantProblem checks the house error shape (RFC 9457): the status, the
// media type, title and status members, instance = the request's URI, the
// request ID as the requestId member, and a detail that mentions want.
func wantProblem(t *testing.T, w *httptest.ResponseRecorder, status int, want string) problem.Problem {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status = %d (%s), want %d", w.Code, w.Body, status)
	}
	if ct := w.Header().Get("Content-Type"); ct != problem.ContentType {
		t.Errorf("Content-Type = %q, want %s", ct, problem.ContentType)
	}
	var p problem.Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatalf("body %q is not JSON: %v", w.Body, err)
	}
	if p.Status != status || p.Title != http.StatusText(status) || p.Type != "about:blank" {
		t.Errorf("problem = %+v, want type about:blank, status %d, title %q", p, status, http.StatusText(status))
	}
	if !strings.HasPrefix(p.Instance, "/") {
		t.Errorf("instance = %q, want the request's URI", p.Instance)
	}
	if id := w.Header().Get(requestIDHeader); id != "" && p.RequestID != id {
		t.Errorf("requestId = %q, want the X-Request-ID header %q", p.RequestID, id)
	}
	all := p.Detail
	for _, fe := range p.Errors {
		all += " " + fe.Pointer + " " + fe.Detail
	}
	if !strings.Contains(all, want) {
		t.Errorf("detail and errors = %q, want them to mention %q", all, want)
	}
	return p
}
