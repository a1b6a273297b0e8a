package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRequestID(t *testing.T) {
	s := newTestServer(t)
	for _, tc := range []struct {
		name, sent string
		echoed     bool
	}{
		{"kept when plain", "abc-123_x.y", true},
		{"replaced when absent", "", false},
		{"replaced when it could inject", "bad id\nlevel=ERROR", false},
		{"replaced when too long", strings.Repeat("a", 65), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, w := newRequest("GET", "/livez"), newRecorder()
			if tc.sent != "" {
				r.Header.Set("X-Request-ID", tc.sent)
			}
			s.ServeHTTP(w, r)
			got := w.Header().Get("X-Request-ID")
			if tc.echoed && got != tc.sent {
				t.Errorf("X-Request-ID = %q, want the caller's %q", got, tc.sent)
			}
			if !tc.echoed && (got == "" || got == tc.sent) {
				t.Errorf("X-Request-ID = %q, want a new ID", got)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t)
	w := do(t, s, call{method: "GET", path: "/api/tags"})
	for k, v := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
		"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
		"Cache-Control":           "no-store",
	} {
		if got := w.Header().Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestCORS(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.CORSOrigins = []string{"https://app.example"} })
	pre := func(origin string) *httptest.ResponseRecorder {
		r, w := newRequest("OPTIONS", "/api/articles"), newRecorder()
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", "POST")
		r.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		s.ServeHTTP(w, r)
		return w
	}
	w := pre("https://app.example")
	if w.Code != http.StatusNoContent {
		t.Fatalf("preflight from an allowed origin = %d, want 204", w.Code)
	}
	h := w.Header()
	if h.Get("Access-Control-Allow-Origin") != "https://app.example" ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), "PUT") ||
		!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight headers = %v, want the origin echoed and PUT, Authorization allowed", h)
	}
	if w := pre("https://evil.example"); w.Code != http.StatusForbidden || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin = %d, allow-origin %q; want 403 and none", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
	}
	r, w2 := newRequest("GET", "/api/tags"), newRecorder()
	r.Header.Set("Origin", "https://app.example")
	s.ServeHTTP(w2, r)
	if w2.Header().Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("simple request Access-Control-Allow-Origin = %q, want the origin", w2.Header().Get("Access-Control-Allow-Origin"))
	}

	open := newTestServer(t)
	r, w3 := newRequest("OPTIONS", "/api/user"), newRecorder()
	r.Header.Set("Origin", "http://localhost:4200")
	r.Header.Set("Access-Control-Request-Method", "PUT")
	open.ServeHTTP(w3, r)
	if w3.Code != http.StatusNoContent || w3.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("default preflight = %d, allow-origin %q; want 204, *", w3.Code, w3.Header().Get("Access-Control-Allow-Origin"))
	}
}

func TestMetricsUseRouteTemplates(t *testing.T) {
	s := newTestServer(t)
	for _, p := range []string{"/api/articles/one", "/api/articles/two", "/api/profiles/x", "/no/such/path"} {
		do(t, s, call{method: "GET", path: p})
	}
	body := do(t, s.Debug(), call{method: "GET", path: "/metrics"}).Body.String()
	for _, want := range []string{
		`http_requests_total{code="404",method="GET",route="/api/articles/{slug}"} 2`,
		`http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`http_request_duration_seconds_bucket{method="GET",route="/api/profiles/{username}",le="0.0005"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics does not contain %s", want)
		}
	}
	if strings.Contains(body, `route="/api/articles/one"`) {
		t.Error("/metrics has a raw path as a route label; want only templates")
	}
}

// TestMetricsMethodLabelIsBounded: made-up methods do not grow the series;
// they all count as "other".
func TestMetricsMethodLabelIsBounded(t *testing.T) {
	s := newTestServer(t)
	series := func() int {
		n := 0
		for line := range strings.Lines(do(t, s.Debug(), call{method: "GET", path: "/metrics"}).Body.String()) {
			if strings.HasPrefix(line, "http_request") {
				n++
			}
		}
		return n
	}
	do(t, s, call{method: "BREW", path: "/api/tags"})
	series() // the first scrape adds the scrape's own series
	before := series()
	for i := range 1000 {
		do(t, s, call{method: fmt.Sprintf("M%d", i), path: "/api/tags"})
	}
	if after := series(); after != before {
		t.Errorf("1 000 made-up methods grew the http_request* series from %d to %d lines", before, after)
	}
	body := do(t, s.Debug(), call{method: "GET", path: "/metrics"}).Body.String()
	if !strings.Contains(body, `http_requests_total{code="405",method="other",route="unmatched"} 1001`) {
		t.Errorf("/metrics does not count the 1 001 made-up methods as method=\"other\":\n%s", body)
	}
}

// TestDebugListenerIsApart: metrics, docs and profiles answer on the debug
// handler only; on the public API they are unknown routes.
func TestDebugListenerIsApart(t *testing.T) {
	s := newTestServer(t)
	for _, p := range []string{"/metrics", "/swagger/index.html", "/swagger/doc.json", "/debug/pprof/", "/debug/pprof/cmdline"} {
		if w := do(t, s, call{method: "GET", path: p}); w.Code != http.StatusNotFound {
			t.Errorf("public GET %s = %d, want 404", p, w.Code)
		}
		if w := do(t, s.Debug(), call{method: "GET", path: p}); w.Code != http.StatusOK {
			t.Errorf("debug GET %s = %d, want 200", p, w.Code)
		}
	}
	if w := do(t, s.Debug(), call{method: "GET", path: "/api/tags"}); w.Code != http.StatusNotFound {
		t.Errorf("debug GET /api/tags = %d, want 404: the API is not served there", w.Code)
	}
}

func TestHealth(t *testing.T) {
	var dbErr error
	s := newTestServer(t, func(c *Config) { c.Ready = func(context.Context) error { return dbErr } })
	for _, step := range []struct {
		name  string
		setup func()
		path  string
		want  int
	}{
		{"live", func() {}, "/livez", 200},
		{"ready", func() {}, "/readyz", 200},
		{"database down", func() { dbErr = errors.New("connection refused") }, "/readyz", 503},
		{"database back", func() { dbErr = nil }, "/readyz", 200},
		{"draining", s.Drain, "/readyz", 503},
		{"still live while draining", func() {}, "/livez", 200},
	} {
		step.setup()
		if w := do(t, s, call{method: "GET", path: step.path}); w.Code != step.want {
			t.Errorf("%s: GET %s = %d, want %d", step.name, step.path, w.Code, step.want)
		}
	}
}

func TestRecoverPanics(t *testing.T) {
	s := newTestServer(t)
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "boom") {
		t.Errorf("panicking handler = %d %s, want 500 without the panic value", w.Code, w.Body)
	}
	assertErrorShape(t, w)
}

func TestSwaggerUI(t *testing.T) {
	s := newTestServer(t)
	for _, p := range []string{"/swagger/index.html", "/swagger/doc.json"} {
		w := do(t, s.Debug(), call{method: "GET", path: p})
		if w.Code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", p, w.Code)
		}
		if p == "/swagger/doc.json" {
			b, _ := io.ReadAll(w.Body)
			if !strings.Contains(string(b), `"/articles/{slug}"`) {
				t.Errorf("GET %s does not describe /articles/{slug}", p)
			}
		}
	}
}
