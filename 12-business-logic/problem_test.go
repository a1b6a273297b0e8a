package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"workbook/serve/problem"
)

// internalText are fragments that only a database driver (pgx wraps
// PostgreSQL's messages as "ERROR: … (SQLSTATE 23505)"), the Go runtime or
// the file system writes. None may reach a client in an error body: the
// server logs such text and answers with a detail written for the client.
var internalText = []string{"pq:", "pgx", "SQLSTATE", "violates", "ERROR:", "/home/", ".go:", "runtime error", "goroutine"}

// leakedInternals returns the fragments of internalText found in body.
func leakedInternals(body string) []string {
	var found []string
	for _, frag := range internalText {
		if strings.Contains(body, frag) {
			found = append(found, frag)
		}
	}
	return found
}

// watchErrors wraps h for tests: the body of every response with a status
// of 400 or more is checked for internalText, and a leak fails the test that
// provoked it. The tests' handlers and servers are all built through it, so
// the check covers every error response the chapter's tests produce.
func watchErrors(t testing.TB, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &errorCapture{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		if found := leakedInternals(cw.body.String()); len(found) > 0 {
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

// wantProblem checks that a response is the house error body for status:
// Content-Type application/problem+json and the RFC 9457 members type,
// title (the status phrase), status and instance (the request's URI, never
// the request ID). It returns the body decoded.
func wantProblem(t testing.TB, code int, h http.Header, body string, status int, instance string) problem.Problem {
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
	if p.Type == "" || p.Status != status || p.Title != http.StatusText(status) || p.Instance != instance {
		t.Errorf("problem = %+v, want type set, status %d, title %q, instance %q", p, status, http.StatusText(status), instance)
	}
	return p
}

// TestLeakCheckCatchesInternals proves the checker on a handler that does
// leak: a check that finds nothing in a planted leak would pass everything.
func TestLeakCheckCatchesInternals(t *testing.T) {
	leaky := []string{
		`{"detail":"pq: duplicate key value violates unique constraint \"articles_slug_key\""}`,
		`{"detail":"ERROR: new row violates check constraint (SQLSTATE 23514)"}`,
		"open /home/app/data.db: permission denied",
		"runtime error: index out of range [3] with length 3\ngoroutine 7 [running]:\nmain.handle(...)\n\t/src/main.go:42",
	}
	for _, body := range leaky {
		if found := leakedInternals(body); len(found) == 0 {
			t.Errorf("leakedInternals(%q) found nothing, want the planted fragments", body)
		}
	}
	ft := &fakeT{}
	h := watchErrors(ft, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, leaky[0], http.StatusConflict)
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/articles", nil))
	if !ft.failed {
		t.Error("watchErrors let a 409 carrying driver text through without failing the test")
	}
	if found := leakedInternals(`{"title":"Conflict","detail":"an article with this title exists"}`); len(found) > 0 {
		t.Errorf("leakedInternals flags a clean body: %q", found)
	}
}

// fakeT records whether watchErrors failed it.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
