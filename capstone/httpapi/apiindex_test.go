package httpapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestAPIIndex(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.DebugURL = "http://127.0.0.1:6060" })
	rec := do(t, s, call{method: http.MethodGet, path: "/api"})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api = %d %s, want 200", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" && ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var idx apiIndex
	if err := json.Unmarshal(rec.Body.Bytes(), &idx); err != nil {
		t.Fatalf("GET /api body %q: %v", rec.Body, err)
	}
	if idx.Docs != "http://127.0.0.1:6060/swagger/index.html" || idx.OpenAPI != "http://127.0.0.1:6060/swagger/doc.json" || idx.Operations["metrics"] != "http://127.0.0.1:6060/metrics" {
		t.Errorf("docs = %q, openapi = %q, metrics = %q; want them on the debug listener", idx.Docs, idx.OpenAPI, idx.Operations["metrics"])
	}
	for _, want := range []string{"POST /api/users", "POST /api/users/login", "GET /api/articles/{slug}", "DELETE /api/articles/{slug}/comments/{id}", "GET /api/tags"} {
		if !slices.Contains(idx.Endpoints, want) {
			t.Errorf("endpoints = %q, want %q among them", idx.Endpoints, want)
		}
	}
	if len(idx.Endpoints) != 21 {
		t.Errorf("got %d endpoints, want the 19 operations of RealWorld and the 2 of password reset", len(idx.Endpoints))
	}
	if !slices.IsSortedFunc(idx.Endpoints, func(a, b string) int {
		pa, ma := splitEndpoint(a)
		pb, mb := splitEndpoint(b)
		if pa != pb {
			if pa < pb {
				return -1
			}
			return 1
		}
		if ma < mb {
			return -1
		}
		return 0
	}) {
		t.Errorf("endpoints not sorted by path then method: %q", idx.Endpoints)
	}

	// Every URL the index names answers 200: the public ones on the API,
	// the debug ones on the debug handler.
	for _, path := range []string{idx.Operations["live"], idx.Operations["ready"]} {
		if rec := do(t, s, call{method: http.MethodGet, path: path}); rec.Code != http.StatusOK {
			t.Errorf("GET %s (named by /api) = %d, want 200", path, rec.Code)
		}
	}
	for _, u := range []string{idx.Docs, idx.OpenAPI, idx.Operations["metrics"]} {
		path := strings.TrimPrefix(u, "http://127.0.0.1:6060")
		if rec := do(t, s.Debug(), call{method: http.MethodGet, path: path}); rec.Code != http.StatusOK {
			t.Errorf("debug GET %s (named by /api) = %d, want 200", u, rec.Code)
		}
	}
	if off := do(t, newTestServer(t), call{method: http.MethodGet, path: "/api"}).Body.String(); strings.Contains(off, "swagger") || strings.Contains(off, "metrics") {
		t.Errorf("GET /api with no debug listener names its URLs: %s", off)
	}
	if rec := do(t, s, call{method: http.MethodPost, path: "/api"}); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api = %d, want 405", rec.Code)
	}
}
