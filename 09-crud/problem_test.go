package main

import (
	"net/http"
	"strings"
	"testing"

	"workbook/serve/problem"
	"workbook/serve/problem/problemtest"
)

// watchErrors wraps h so that every error body the chapter's tests provoke
// is checked for driver, runtime and file-system text (problemtest.Internal);
// the tests' handlers and servers are all built through it.
func watchErrors(t testing.TB, h http.Handler) http.Handler {
	return problemtest.WatchErrors(t, h)
}

// wantProblem checks that a response is the house error body for status:
// Content-Type application/problem+json and the RFC 9457 members type,
// title (the status phrase), status and instance (the request's URI, never
// the request ID). It returns the body decoded.
func wantProblem(t testing.TB, code int, h http.Header, body string, status int, instance string) problem.Problem {
	t.Helper()
	return problemtest.Want(t, code, h, body, status, instance)
}

// TestWrongMethodIs405ProblemWithAllow is the house rule every chapter
// keeps: a method the resource does not serve gets 405, an Allow header
// listing the ones it does, and a problem details body. problem.Routes takes
// the list from the ServeMux itself.
func TestWrongMethodIs405ProblemWithAllow(t *testing.T) {
	h := newTestServer(t)
	tests := []struct{ method, path, allow string }{
		{"POST", "/articles/some-slug", "DELETE, GET, HEAD, PATCH, PUT"},
		{"DELETE", "/articles", "GET, HEAD, POST"},
		{"GET", "/articles/some-slug/restore", "POST"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			w := do(t, h, req{method: tc.method, path: tc.path})
			if got := w.Header().Get("Allow"); got != tc.allow {
				t.Errorf("%s %s Allow = %q, want %q", tc.method, tc.path, got, tc.allow)
			}
			p := wantProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusMethodNotAllowed, tc.path)
			if !strings.Contains(p.Detail, tc.allow) {
				t.Errorf("405 detail %q does not name the allowed methods", p.Detail)
			}
		})
	}
	w := do(t, h, req{method: "GET", path: "/nothing/here"})
	wantProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusNotFound, "/nothing/here")
}
