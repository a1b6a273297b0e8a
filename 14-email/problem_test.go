package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"workbook/serve/problem/problemtest"
)

func TestWrongMethodIs405WithAllow(t *testing.T) {
	s, _ := newTestApp(t, "127.0.0.1:1")
	h := problemtest.WatchErrors(t, s.routes())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodDelete, "/users", nil))
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), http.StatusMethodNotAllowed, "/users")
	if got := rec.Header().Get("Allow"); !strings.Contains(got, "POST") {
		t.Errorf("Allow = %q, want POST", got)
	}
}

func TestBadInputGetsProblems(t *testing.T) {
	s, _ := newTestApp(t, "127.0.0.1:1")
	h := problemtest.WatchErrors(t, s.routes())
	for _, tc := range []struct {
		name, path, ctype, body string
		status                  int
	}{
		{"not json", "/users", "application/json", "{", http.StatusBadRequest},
		{"media type", "/users", "text/plain", "{}", http.StatusUnsupportedMediaType},
		{"missing fields", "/users", "application/json", `{"email":"nope"}`, http.StatusUnprocessableEntity},
		{"bad token", "/unsubscribe?token=abc.def", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", http.StatusBadRequest},
		{"unsigned webhook", "/webhooks/bounces", "application/json", `{"type":"bounce","email":"a@b.test"}`, http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.ctype)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), tc.status, tc.path)
		})
	}
}
