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
)

// newTestServer returns the chapter's handler over repo, with a fixed clock.
func newTestServer(t *testing.T, repo Repository, checkTimeout time.Duration) *server {
	t.Helper()
	s, err := newServer(repo, checkTimeout, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("newServer: %v", err)
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
	return rec
}

// decodeErrors parses an error response, failing the test if it is not one.
func decodeErrors(t *testing.T, rec *httptest.ResponseRecorder) []fieldError {
	t.Helper()
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body.Errors) == 0 {
		t.Fatalf("body %q is not an error response {\"errors\":[...]}", rec.Body.String())
	}
	for _, e := range body.Errors {
		if e.Code == "" || e.Message == "" {
			t.Errorf("error %+v lacks a code or a message", e)
		}
	}
	return body.Errors
}

// pairs renders errors as "field:code" for compact comparison.
func pairs(errs []fieldError) string {
	s := make([]string, len(errs))
	for i, e := range errs {
		s[i] = e.Field + ":" + e.Code
	}
	return strings.Join(s, " ")
}

func TestUnknownRouteIs404WithBody(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	req := httptest.NewRequest(http.MethodGet, "/nope", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("GET /nope = %d, want 404", rec.Code)
	}
	decodeErrors(t, rec)
}
