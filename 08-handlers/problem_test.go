package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"workbook/08-handlers/article"
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
// listing the ones it does (HEAD included, because the GET routes take it),
// and a problem details body.
func TestWrongMethodIs405ProblemWithAllow(t *testing.T) {
	tests := []struct{ method, target, allow string }{
		{"PUT", "/articles/hello", "GET, HEAD, DELETE"},
		{"DELETE", "/articles", "GET, HEAD, POST"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			rec := serveRequest(t, &fakeService{}, tc.method, tc.target, "", "")
			if got := rec.Header().Get("Allow"); got != tc.allow {
				t.Errorf("%s %s Allow = %q, want %q", tc.method, tc.target, got, tc.allow)
			}
			p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), http.StatusMethodNotAllowed, tc.target)
			if !strings.Contains(p.Detail, tc.allow) {
				t.Errorf("405 detail %q does not name the allowed methods", p.Detail)
			}
		})
	}
}

// TestAllowIsTrue: every method the 405 lists really is served, HEAD
// included — an Allow header that promises what the router refuses would
// send a client from one 405 to the next.
func TestAllowIsTrue(t *testing.T) {
	svc := &fakeService{
		GetFn:    func(context.Context, string) (article.Article, error) { return sample, nil },
		ListFn:   func(context.Context, article.ListFilter) ([]article.Article, error) { return nil, nil },
		DeleteFn: func(context.Context, string, string) error { return nil },
	}
	for _, m := range []string{"GET", "HEAD", "DELETE"} {
		rec := serveRequest(t, svc, m, "/articles/hello", "alice-token", "")
		if rec.Code == http.StatusMethodNotAllowed {
			t.Errorf("%s /articles/hello = 405, but the Allow header lists %s", m, m)
		}
	}
}
