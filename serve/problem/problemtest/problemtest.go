// Package problemtest is what chapter tests use to hold their servers to
// the house error contract: every error body is a problem details object,
// and none carries text only a driver, the runtime or the file system
// writes.
package problemtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"workbook/serve/problem"
)

// Internal are fragments that only a database driver, the Go runtime or
// the file system writes. None may reach a client in an error body: the
// server logs such text and answers with a detail written for the client.
var Internal = []string{"pq:", "pgx", "SQLSTATE", "violates", "ERROR:", "/home/", ".go:", "runtime error", "goroutine"}

// Leaked returns the fragments of Internal, and of extra, found in body.
func Leaked(body string, extra ...string) []string {
	var found []string
	for _, frag := range append(append([]string(nil), Internal...), extra...) {
		if strings.Contains(body, frag) {
			found = append(found, frag)
		}
	}
	return found
}

// WatchErrors wraps h for tests: the body of every response with a status
// of 400 or more is checked for Internal, and a leak fails the test that
// provoked it. The tests' handlers and servers are all built through it, so
// the check covers every error response the chapter's tests produce.
func WatchErrors(t testing.TB, h http.Handler, extra ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &errorCapture{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		if found := Leaked(cw.body.String(), extra...); len(found) > 0 {
			t.Errorf("%s %s answered %d with internal text %q in its body:\n%s",
				r.Method, r.URL.RequestURI(), cw.status, found, cw.body.String())
		}
	})
}

// errorCapture copies the body of an error response (status 400 or more)
// as it is written; other responses pass through untouched.
type errorCapture struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (c *errorCapture) WriteHeader(code int) {
	if c.status == 0 && code >= 200 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *errorCapture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if c.status >= 400 {
		c.body.Write(b)
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer's Flush and
// deadlines through the capture.
func (c *errorCapture) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// Want checks that a response is the house error body for status:
// Content-Type application/problem+json and the RFC 9457 members type,
// title (the status phrase), status and instance (the request's URI, never
// the request ID). An instance of "" accepts any path reference (one that
// starts with "/"), for helpers that do not know the request. It returns the
// body decoded.
func Want(t testing.TB, code int, h http.Header, body string, status int, instance string) problem.Problem {
	t.Helper()
	var p problem.Problem
	if code != status {
		t.Errorf("status = %d, want %d (body %q)", code, status, body)
	}
	if ct := h.Get("Content-Type"); ct != problem.ContentType {
		t.Errorf("Content-Type = %q, want %q", ct, problem.ContentType)
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("body %q is not a problem details object: %v", body, err)
	}
	if instance == "" && strings.HasPrefix(p.Instance, "/") {
		instance = p.Instance
	}
	if p.Type == "" || p.Status != status || p.Title != http.StatusText(status) || p.Instance != instance {
		t.Errorf("problem = %+v, want type set, status %d, title %q, instance %q", p, status, http.StatusText(status), instance)
	}
	return p
}
