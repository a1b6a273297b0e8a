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
	cfg := DefaultConfig()
	cfg.Now = clock.Now
	h := NewServer(cfg, slog.New(slog.NewJSONHandler(logs, nil)))
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
	return w
}

var demoAuth = []string{"Authorization", "Bearer demo-token"}

func wantProblem(t *testing.T, w *httptest.ResponseRecorder, status int, want string) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status = %d (%s), want %d", w.Code, w.Body, status)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatalf("body %q is not JSON: %v", w.Body, err)
	}
	if !strings.Contains(p.Detail, want) {
		t.Errorf("detail = %q, want it to mention %q", p.Detail, want)
	}
}
