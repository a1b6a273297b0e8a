package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v4"

	"workbook/serve/problem/problemtest"
)

// leakMarkers are, beyond problemtest.Internal, fragments only this
// server's internals write: Go type names, the fake dependency's SQL and
// address, the covers path, pointer values of a stack.
var leakMarkers = []string{"*errors.", "*fmt.", "*net.", "main.", "SELECT", "10.0.0.7", "/tmp/", "0x", "goroutine", "connection refused", "is a directory", "slice bounds", "panic"}

// logSink collects the server's JSON log lines.
type logSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// lines returns every log line decoded.
func (l *logSink) lines(t *testing.T) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// forRequest returns the log lines that carry request ID id.
func (l *logSink) forRequest(t *testing.T, id string) []map[string]any {
	var out []map[string]any
	for _, m := range l.lines(t) {
		if m["request_id"] == id {
			out = append(out, m)
		}
	}
	return out
}

// testApp is a server with a covers directory of its own, a log sink, fast
// retries and a short breaker timeout.
type testApp struct {
	*server
	h    http.Handler
	logs *logSink
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "covers")
	if err := prepareCovers(dir); err != nil {
		t.Fatal(err)
	}
	logs := &logSink{}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	cfg := config{depMode: "up", depBudget: 2 * time.Second, breakerOpen: 100 * time.Millisecond, coversDir: dir}
	s := newApp(cfg, logger)
	s.views.newBackOff = func() backoff.BackOff {
		return backoff.NewExponentialBackOff(backoff.WithInitialInterval(time.Millisecond),
			backoff.WithMaxInterval(2*time.Millisecond), backoff.WithMaxElapsedTime(0))
	}
	return &testApp{server: s, h: problemtest.WatchErrors(t, s.routes(), leakMarkers...), logs: logs}
}

// do sends one request; body "" sends none, a body is sent as JSON.
func (a *testApp) do(method, target, body string, header ...string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	a.h.ServeHTTP(rec, req)
	return rec
}
