package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// httpSeries counts the time series of the chapter's own metric families.
func httpSeries(t *testing.T, m *metrics) (int, map[string]bool) {
	t.Helper()
	families, err := m.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	n, labels := 0, map[string]bool{}
	for _, f := range families {
		if !strings.HasPrefix(f.GetName(), "http_server_") {
			continue
		}
		for _, metric := range f.GetMetric() {
			n++
			for _, l := range metric.GetLabel() {
				labels[l.GetName()+"="+l.GetValue()] = true
			}
		}
	}
	return n, labels
}

// TestSeriesCountIsBounded: a thousand distinct paths and a hundred made-up
// methods add no time series once each kind of request has been seen.
func TestSeriesCountIsBounded(t *testing.T) {
	ts := startSystem(t, testConfig())
	h := ts.sys.frontend
	send := func(method, path string) {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(method, path, nil))
	}
	send("GET", "/articles/no-such-0") // route /articles/{slug}, 404 from the backend
	send("GET", "/nope/0")             // unmatched
	send("BREW0", "/articles/x")       // made-up method → other, 405
	before, _ := httpSeries(t, ts.sys.metrics)
	for i := range 1000 {
		send("GET", fmt.Sprintf("/articles/no-such-%d", i))
		send("GET", fmt.Sprintf("/nope/%d", i))
	}
	for i := range 100 {
		send(fmt.Sprintf("BREW%d", i), "/articles/x")
	}
	after, labels := httpSeries(t, ts.sys.metrics)
	if after != before {
		t.Errorf("series grew from %d to %d after 1000 paths and 100 methods", before, after)
	}
	for _, want := range []string{"route=/articles/{slug}", "route=unmatched", "method=other", "method=GET", "code=404", "code=405", "service=backend", "service=frontend", "route=/internal/articles/{slug}"} {
		if !labels[want] {
			t.Errorf("no series with %s; labels: %v", want, labels)
		}
	}
	for l := range labels {
		if strings.Contains(l, "no-such") || strings.Contains(l, "BREW") || strings.Contains(l, "/nope") {
			t.Errorf("raw request data in label %s", l)
		}
	}
}

func TestMethodLabel(t *testing.T) {
	for m, want := range map[string]string{"GET": "GET", "PATCH": "PATCH", "TRACE": "TRACE", "CONNECT": "CONNECT", "get": "other", "PROPFIND": "other", "": "other"} {
		if got := methodLabel(m); got != want {
			t.Errorf("methodLabel(%q) = %q, want %q", m, got, want)
		}
	}
}

// TestMetricsEndpoint: /metrics serves the RED histogram and the runtime and
// process collectors in the Prometheus text format.
func TestMetricsEndpoint(t *testing.T) {
	ts := startSystem(t, testConfig())
	ts.do(t, "GET", "/articles/observability-101", nil, nil)
	resp, err := http.Get(ts.frontend.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`http_server_request_duration_seconds_bucket{code="200",method="GET",route="/articles/{slug}",service="frontend",le="0.005"}`,
		`http_server_request_duration_seconds_count{code="200",method="GET",route="/internal/articles/{slug}",service="backend"} 1`,
		"# TYPE http_server_requests_in_flight gauge",
		"go_goroutines ", "process_cpu_seconds_total ", "process_resident_memory_bytes ",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
