package httpapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

func TestAPIIndex(t *testing.T) {
	s := newTestServer(t)
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
	if idx.Docs != "/swagger/index.html" || idx.OpenAPI != "/swagger/doc.json" {
		t.Errorf("docs = %q, openapi = %q, want the Swagger UI and its document", idx.Docs, idx.OpenAPI)
	}
	for _, want := range []string{"POST /api/users", "POST /api/users/login", "GET /api/articles/{slug}", "DELETE /api/articles/{slug}/comments/{id}", "GET /api/tags"} {
		if !slices.Contains(idx.Endpoints, want) {
			t.Errorf("endpoints = %q, want %q among them", idx.Endpoints, want)
		}
	}
	if len(idx.Endpoints) != 19 {
		t.Errorf("got %d endpoints, want the 19 operations of RealWorld", len(idx.Endpoints))
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

	// Every URL the index names answers 200.
	for _, path := range []string{idx.Docs, idx.OpenAPI, idx.Operations["live"], idx.Operations["ready"], idx.Operations["metrics"]} {
		if rec := do(t, s, call{method: http.MethodGet, path: path}); rec.Code != http.StatusOK {
			t.Errorf("GET %s (named by /api) = %d, want 200", path, rec.Code)
		}
	}
	if rec := do(t, s, call{method: http.MethodPost, path: "/api"}); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api = %d, want 405", rec.Code)
	}
}
