package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"workbook/serve/problem/problemtest"
)

func testHandler(t *testing.T) http.Handler {
	t.Helper()
	s, err := newBleveSearcher("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Index(t.Context(), sampleArticles()); err != nil {
		t.Fatal(err)
	}
	return problemtest.WatchErrors(t, routes(s, slog.New(slog.NewTextHandler(io.Discard, nil))))
}

func TestBadQueriesAreProblems(t *testing.T) {
	h := testHandler(t)
	for _, tc := range []struct {
		name, target string
		status       int
	}{
		{"bad size", "/search?size=0", 422},
		{"size too big", "/search?size=51", 422},
		{"bad date", "/search?since=yesterday", 422},
		{"forged cursor", "/search?after=xyz", 422},
		{"unknown path", "/nope", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tc.target, nil))
			problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), tc.status, tc.target)
		})
	}
}

func TestWrongMethodIs405WithAllow(t *testing.T) {
	rec := httptest.NewRecorder()
	testHandler(t).ServeHTTP(rec, httptest.NewRequest("POST", "/search", nil))
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, "/search")
	if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
		t.Errorf("Allow = %q, want GET, HEAD", got)
	}
}

func TestSearchEndpoint(t *testing.T) {
	rec := httptest.NewRecorder()
	testHandler(t).ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=shards&size=2", nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /search = %d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}
