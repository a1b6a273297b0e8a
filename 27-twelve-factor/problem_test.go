package main

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"workbook/serve/problem/problemtest"
)

func TestRoutesProblems(t *testing.T) {
	a := &app{store: newMemStore(), sessions: newMemSessions(), sessionTTL: time.Hour, logger: discardLogger(), now: time.Now}
	h := problemtest.WatchErrors(t, routes(a))
	for _, tc := range []struct {
		method, target string
		status         int
		allow          string
	}{
		{"DELETE", "/notes", 405, "GET, HEAD, POST"},
		{"GET", "/users", 405, "POST"},
		{"PUT", "/healthz", 405, "GET, HEAD"},
		{"GET", "/nowhere", 404, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.target, strings.NewReader("")))
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), tc.status, tc.target)
		if got := rec.Header().Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow = %q, want %q", tc.method, tc.target, got, tc.allow)
		}
	}
}
