package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"workbook/serve/problem/problemtest"

	"workbook/serve/problem"
)

// newTestServer returns the chapter's handler over repo, with a fixed clock.
func newTestServer(t *testing.T, repo Repository, checkTimeout time.Duration) *server {
	t.Helper()
	s, err := newHandler(repo, checkTimeout, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("newHandler: %v", err)
	}
	s.now = func() time.Time { return time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC) }
	return s
}

// post sends body with Content-Type contentType and returns the recorder.
func post(t *testing.T, h http.Handler, path, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code >= 400 {
		assertNoInternals(t, "POST "+path, rec.Body.String())
	}
	return rec
}

// assertNoInternals fails the test when an error body carries internal
// text. post sends every error response of the server tests through it.
// Beyond problemtest.Internal (driver and SQL text, file paths, Go stack
// traces), a validator panic message must not reach the client either.
func assertNoInternals(t *testing.T, what, body string) {
	t.Helper()
	for _, bad := range problemtest.Leaked(body, "/usr/", "panic") {
		t.Errorf("%s: error body leaks %q: %s", what, bad, body)
	}
}

// decodeProblem checks the house error shape (RFC 9457 problem details) and
// returns it.
func decodeProblem(t *testing.T, rec *httptest.ResponseRecorder) validationProblem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != problem.ContentType {
		t.Errorf("Content-Type = %q, want %s", ct, problem.ContentType)
	}
	var p validationProblem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("body %q is not a problem: %v", rec.Body.String(), err)
	}
	if p.Status != rec.Code || p.Title != http.StatusText(rec.Code) || p.Type != "about:blank" || !strings.HasPrefix(p.Instance, "/") || p.Detail == "" {
		t.Errorf("problem %+v lacks the house members for a %d", p.Problem, rec.Code)
	}
	return p
}

// decodeErrors parses an error response into fieldErrors: one per member of
// errors (a 422), or one with only a Code holding the detail (any other
// error). It checks each member's pointer and detail against its field.
func decodeErrors(t *testing.T, rec *httptest.ResponseRecorder) []fieldError {
	t.Helper()
	p := decodeProblem(t, rec)
	if rec.Code == http.StatusUnprocessableEntity && len(p.Errors) == 0 {
		t.Fatalf("422 %s has no errors list", rec.Body)
	}
	if len(p.Errors) == 0 {
		return []fieldError{{Code: p.Detail}}
	}
	var out []fieldError
	for _, e := range p.Errors {
		field, msg, _ := strings.Cut(e.Detail, " ")
		if e.Code == "" || msg == "" || e.Pointer != pointer(field) {
			t.Errorf("error %+v: want a code, a detail that starts with the field, and pointer %q", e, pointer(field))
		}
		out = append(out, fieldError{Field: field, Code: e.Code, Message: msg})
	}
	return out
}

// pairs renders errors as "field:code" for compact comparison.
func pairs(errs []fieldError) string {
	s := make([]string, len(errs))
	for i, e := range errs {
		s[i] = e.Field + ":" + e.Code
	}
	return strings.Join(s, " ")
}

// matchErrors compares pairs with a want: "field:code …" exactly, or, for a
// request-level problem, ":text" that its detail must contain.
func matchErrors(got, want string) bool {
	if strings.HasPrefix(want, ":") {
		return strings.HasPrefix(got, ":") && strings.Contains(got, want[1:])
	}
	return got == want
}

func TestUnknownRouteIs404WithBody(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	req := httptest.NewRequest(http.MethodGet, "/nope", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("GET /nope = %d, want 404", rec.Code)
	}
	if p := decodeProblem(t, rec); p.Instance != "/nope" {
		t.Errorf("instance = %q, want /nope", p.Instance)
	}
}

// TestWrongMethodIs405WithAllow: no catch-all route turns a wrong method
// into a 404; the mux's 405 keeps its Allow header and gets the house body.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	for _, path := range []string{"/signup", "/articles", "/normalize"} {
		t.Run(path, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != http.StatusMethodNotAllowed {
				t.Fatalf("GET %s = %d, want 405", path, rec.Code)
			}
			if got := rec.Header().Get("Allow"); got != "POST" {
				t.Errorf("Allow = %q, want POST", got)
			}
			p := decodeProblem(t, rec)
			if p.Instance != path || !strings.Contains(p.Detail, "GET is not allowed") {
				t.Errorf("problem = %+v, want instance %s and a detail naming GET", p.Problem, path)
			}
		})
	}
}
