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

// testArgon2 is deliberately cheap so the suite stays fast under -race;
// production uses defaultArgon2.
var testArgon2 = argon2Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// fakeClock is a settable clock shared by every store of a test server.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// syncBuffer is a log sink safe for concurrent handlers.
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

type testEnv struct {
	srv   *server
	ts    *httptest.Server
	clock *fakeClock
	logs  *syncBuffer
}

// newTestEnv starts the whole API on a real loopback listener, because the
// OAuth client calls the token endpoint over HTTP.
func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	clock := &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	logs := &syncBuffer{}
	cfg := defaultSettings()
	cfg.Secret = []byte("test-secret-test-secret-test-secret!")
	cfg.BaseURL = "http://" + ts.Listener.Addr().String()
	cfg.Argon2 = testArgon2
	cfg.Now = clock.Now
	srv, err := newHandler(cfg, slog.New(slog.NewJSONHandler(logs, nil)))
	if err != nil {
		t.Fatalf("newHandler: %v", err)
	}
	ts.Config.Handler = watchErrors(t, srv)
	ts.Start()
	t.Cleanup(ts.Close)
	return &testEnv{srv: srv, ts: ts, clock: clock, logs: logs}
}

// do sends one request straight to the handler (no network) from ip.
func (e *testEnv) do(t *testing.T, method, path, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, path, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	watchErrors(t, e.srv).ServeHTTP(w, r)
	return w
}

func (e *testEnv) signup(t *testing.T, email, role string) {
	t.Helper()
	w := e.do(t, "POST", "/signup", `{"email":"`+email+`","password":"a long enough password","role":"`+role+`"}`)
	if w.Code != http.StatusCreated {
		t.Fatalf("signup %s = %d %s, want 201", email, w.Code, w.Body)
	}
}

func (e *testEnv) login(t *testing.T, email string) tokenResponse {
	t.Helper()
	w := e.do(t, "POST", "/login", `{"email":"`+email+`","password":"a long enough password"}`)
	if w.Code != http.StatusOK {
		t.Fatalf("login %s = %d %s, want 200", email, w.Code, w.Body)
	}
	var tok tokenResponse
	decode(t, w.Body, &tok)
	return tok
}

func decode(t *testing.T, r io.Reader, v any) {
	t.Helper()
	if err := json.NewDecoder(r).Decode(v); err != nil {
		t.Fatalf("decode response: %v", err)
	}
}

func bearer(tok string) []string { return []string{"Authorization", "Bearer " + tok} }

// wantProblem checks that w is the house error body (houseProblem) with
// status, and that its detail — or, for a 422, one of its field errors —
// mentions want.
func wantProblem(t *testing.T, w *httptest.ResponseRecorder, status int, want string) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status = %d (%s), want %d", w.Code, w.Body, status)
	}
	p := houseProblem(t, w.Code, w.Header(), w.Body.String(), status, "")
	said := []string{p.Detail}
	for _, f := range p.Errors {
		said = append(said, f.Pointer+": "+f.Detail)
	}
	if !strings.Contains(strings.Join(said, "\n"), want) {
		t.Errorf("problem says %q, want it to mention %q", said, want)
	}
}
