package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"workbook/serve/problem/problemtest"
)

func TestRoutesProblems(t *testing.T) {
	ts := startSystem(t, testConfig())
	h := problemtest.WatchErrors(t, ts.sys.frontend)
	do := func(method, target, ctype, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := do("DELETE", "/articles/x", "", "")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, "/articles/x")
	if got := rec.Header().Get("Allow"); !strings.Contains(got, "GET") {
		t.Errorf("405 Allow = %q, want GET listed", got)
	}
	rec = do("GET", "/newsletter", "", "")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, "/newsletter")
	if got := rec.Header().Get("Allow"); got != "POST" {
		t.Errorf("405 Allow = %q, want POST", got)
	}
	rec = do("GET", "/nope", "", "")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 404, "/nope")
	rec = do("GET", "/articles/missing", "", "")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 404, "/articles/missing")

	cases := []struct {
		ctype, body string
		status      int
	}{
		{"text/plain", `{"email":"a@b.cc"}`, http.StatusUnsupportedMediaType},
		{"application/json", `{"email":`, http.StatusBadRequest},
		{"application/json", `{"email":"a@b.cc","x":1}`, http.StatusBadRequest},
		{"application/json", `{"email":"` + strings.Repeat("a", 5000) + `"}`, http.StatusRequestEntityTooLarge},
		{"application/json", `{"email":"not-an-address"}`, http.StatusUnprocessableEntity},
		{"application/json; charset=utf-8", `{"email":"a@b.cc"}`, http.StatusAccepted},
	}
	for _, c := range cases {
		rec := do("POST", "/newsletter", c.ctype, c.body)
		if c.status == http.StatusAccepted {
			if rec.Code != c.status {
				t.Errorf("POST %s = %d, want 202", c.body, rec.Code)
			}
			continue
		}
		p := problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), c.status, "/newsletter")
		if c.status == http.StatusUnprocessableEntity && (len(p.Errors) != 1 || p.Errors[0].Pointer != "/email") {
			t.Errorf("422 errors = %+v, want /email", p.Errors)
		}
	}
}

// TestBackendDownIs502: the frontend reports a missing backend as 502
// without its dial error.
func TestBackendDownIs502(t *testing.T) {
	be := httptest.NewServer(http.NotFoundHandler())
	be.Close() // a port nobody listens on
	providers := func(s string) *sdktrace.TracerProvider { return newTracerProvider(s, 1) }
	sys := newSystem(slog.New(slog.DiscardHandler), be.URL, testConfig(), providers)
	rec := httptest.NewRecorder()
	problemtest.WatchErrors(t, sys.frontend, "connection refused").ServeHTTP(rec, httptest.NewRequest("GET", "/articles/x", nil))
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), http.StatusBadGateway, "/articles/x")
}
