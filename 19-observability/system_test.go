package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// syncBuffer is a log sink both services may write to at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// lines decodes every JSON log line written so far.
func (s *syncBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

// testSystem is both services on real loopback listeners, spans recorded in
// memory, logs in a buffer.
type testSystem struct {
	sys      system
	frontend *httptest.Server
	spans    *tracetest.InMemoryExporter
	logs     *syncBuffer
}

func testConfig() config {
	return config{logFormat: "json", tracing: "off", sampleRatio: 1, readyTimeout: 300 * time.Millisecond}
}

func startSystem(t *testing.T, cfg config) *testSystem {
	t.Helper()
	ts := &testSystem{spans: tracetest.NewInMemoryExporter(), logs: &syncBuffer{}}
	logger, err := newLogger("json", ts.logs, cfg.logLevel)
	if err != nil {
		t.Fatal(err)
	}
	var backend http.Handler
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { backend.ServeHTTP(w, r) }))
	t.Cleanup(be.Close)
	providers := func(service string) *sdktrace.TracerProvider {
		// WithSyncer exports each span as it ends: no batching delay in tests.
		return newTracerProvider(service, cfg.sampleRatio, sdktrace.WithSyncer(ts.spans))
	}
	ts.sys = newSystem(logger, be.URL, cfg, providers)
	backend = ts.sys.backend
	ts.frontend = httptest.NewServer(ts.sys.frontend)
	t.Cleanup(ts.frontend.Close)
	return ts
}

// get sends a request to the frontend with the given headers.
func (ts *testSystem) do(t *testing.T, method, path string, body io.Reader, header map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, ts.frontend.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}
