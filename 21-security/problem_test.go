package main

import (
	"net/url"
	"strings"
	"testing"

	"workbook/serve/problem/problemtest"
)

// TestProblems holds the routes to the house error contract.
func TestProblems(t *testing.T) {
	a, _ := newTestApp(t)
	h := problemtest.WatchErrors(t, a.routes())

	rec := do(h, "DELETE", "/safe/notes", nil, nil)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, "/safe/notes")
	if rec.Header().Get("Allow") == "" {
		t.Error("405 without Allow")
	}
	rec = do(h, "GET", "/nowhere", nil, nil)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 404, "/nowhere")

	// No database: the SQL and login routes say so, they do not crash.
	rec = do(h, "GET", "/safe/notes?owner=alice", nil, nil)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/safe/notes?owner=alice")
	rec = do(h, "POST", "/login", url.Values{"name": {"a"}}, nil)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/login")

	rec = do(h, "POST", "/comments", url.Values{"text": {strings.Repeat("x", 9<<10)}}, nil)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 413, "/comments")

	for _, target := range []string{"/account", "/vuln/email"} {
		method := map[string]string{"/account": "GET", "/vuln/email": "POST"}[target]
		rec = do(h, method, target, url.Values{}, nil)
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 401, target)
	}
}
