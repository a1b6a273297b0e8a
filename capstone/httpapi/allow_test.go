package httpapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestWrongMethodIs405WithAllow: a known path asked with a method it does
// not serve answers 405, an Allow header listing exactly the methods its
// routes serve (RFC 9110 §15.5.6), and the RealWorld error body.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		method, path, allow string
	}{
		{"PATCH", "/api/articles", "GET, POST"},
		{"POST", "/api/articles/some-slug", "GET, PUT, DELETE"},
		{"GET", "/api/articles/some-slug/favorite", "POST, DELETE"},
		{"DELETE", "/api/user", "GET, PUT"},
		{"POST", "/api", "GET, HEAD"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			w := do(t, s, call{method: tc.method, path: tc.path})
			if w.Code != http.StatusMethodNotAllowed {
				t.Fatalf("%s %s = %d %s, want 405", tc.method, tc.path, w.Code, w.Body)
			}
			if got := w.Header().Get("Allow"); got != tc.allow {
				t.Errorf("%s %s Allow = %q, want %q", tc.method, tc.path, got, tc.allow)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("%s %s Content-Type = %q, want application/json", tc.method, tc.path, ct)
			}
			var body errorResponse
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || len(body.Errors.Body) != 1 ||
				!strings.Contains(body.Errors.Body[0], tc.allow) {
				t.Errorf("%s %s body = %s (%v), want {\"errors\":{\"body\":[…]}} naming %q", tc.method, tc.path, w.Body, err, tc.allow)
			}
		})
	}
}

// TestUncleanPaths: a path with dot segments or doubled slashes (also
// percent-encoded) is redirected for a read, as gorilla/mux would, and is a
// 404 in the error shape for every other method, never a redirect.
func TestUncleanPaths(t *testing.T) {
	s := newTestServer(t)
	jake := register(t, s, "jake")
	for _, tc := range []struct {
		method, path string
		want         int
		location     string
	}{
		{"DELETE", "/api/articles/%2e%2e%2fuser", 404, ""},
		{"DELETE", "/api/articles/x/../y", 404, ""},
		{"PUT", "/api//user", 404, ""},
		{"POST", "/api/articles/./feed", 404, ""},
		{"GET", "/api/articles/x/../../tags?limit=1", 301, "/api/tags?limit=1"},
		{"GET", "/api//tags", 301, "/api/tags"},
		{"HEAD", "/api/./tags", 301, "/api/tags"},
		{"GET", "/api/tags", 200, ""},
	} {
		w := do(t, s, call{method: tc.method, path: tc.path, token: jake})
		if w.Code != tc.want || w.Header().Get("Location") != tc.location {
			t.Errorf("%s %s = %d, Location %q; want %d, Location %q", tc.method, tc.path, w.Code, w.Header().Get("Location"), tc.want, tc.location)
		}
		if tc.want == 404 {
			assertErrorShape(t, w)
		}
	}
}
