package main

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestEveryErrorIsAProblemThatLeaksNothing sends one request per error the
// server can give and checks the house shape of each. (Every other test's
// error responses pass through the same check in testEnv.do.)
func TestEveryErrorIsAProblemThatLeaksNothing(t *testing.T) {
	e := newTestEnv(t)
	for _, tc := range []struct {
		name, method, path, body string
		header                   []string
		status                   int
		detail                   string
	}{
		{"panic", "GET", "/panic", "", nil, 500, "unexpected error"},
		{"no route", "GET", "/nope", "", nil, 404, "no resource at /nope"},
		{"wrong method", "DELETE", "/hello", "", nil, 405, "allowed: GET, HEAD"},
		{"no token", "GET", "/api/articles", "", nil, 401, "send Authorization"},
		{"bad token", "GET", "/api/articles", "", []string{"Authorization", "Bearer nope"}, 401, "unknown token"},
		{"bad stream parameter", "GET", "/stream?n=99", "", nil, 400, "n must be"},
		{"malformed JSON", "POST", "/api/articles", `{"title":`, demoAuth, 400, "must be a JSON object"},
		{"too large", "POST", "/api/articles", `{"title":"` + strings.Repeat("x", 5000) + `"}`, demoAuth, 413, "at most 4096 bytes"},
		{"invalid title", "POST", "/api/articles", `{"title":""}`, demoAuth, 422, "/title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.clock.Advance(time.Minute) // keep the rate limiter out of it
			w := e.do(t, tc.method, tc.path, tc.body, tc.header...)
			wantProblem(t, w, tc.status, tc.detail)
		})
	}
	t.Run("rate limited", func(t *testing.T) {
		e.clock.Advance(time.Hour)
		var w = e.do(t, "GET", "/api/articles", "", demoAuth...)
		for w.Code == http.StatusOK {
			w = e.do(t, "GET", "/api/articles", "", demoAuth...)
		}
		wantProblem(t, w, http.StatusTooManyRequests, "rate limit")
	})
}
