package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/robfig/cron/v3"

	"workbook/serve/problem/problemtest"
)

// TestBadRequestsGetProblems checks every refusal that happens before the
// broker is touched: none of them needs RabbitMQ.
func TestBadRequestsGetProblems(t *testing.T) {
	h := problemtest.WatchErrors(t, routes(nil, nil, newStats(), cron.New()))
	for _, tc := range []struct {
		method, ctype, body string
		status              int
	}{
		{"POST", "text/plain", `{}`, 415},
		{"POST", "application/json", `{"kind":`, 400},
		{"POST", "application/json", `{"kind":"a"}{}`, 400},
		{"POST", "application/json", `{"kind":"a","bogus":1}`, 400},
		{"POST", "application/json", `{"kind":"Bad Kind","priority":12,"delay_ms":-1}`, 422},
		{"POST", "application/json", `{"kind":"a","payload":"` + strings.Repeat("x", maxJobBytes) + `"}`, 413},
	} {
		r := httptest.NewRequest(tc.method, "/jobs", strings.NewReader(tc.body))
		r.Header.Set("Content-Type", tc.ctype)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		p := problemtest.Want(t, w.Code, w.Header(), w.Body.String(), tc.status, "/jobs")
		if tc.status == 422 && len(p.Errors) != 3 {
			t.Errorf("422 lists %d field errors, want 3: %s", len(p.Errors), w.Body)
		}
	}
}

func TestWrongMethodGets405WithAllow(t *testing.T) {
	h := problemtest.WatchErrors(t, routes(nil, nil, newStats(), cron.New()))
	r := httptest.NewRequest(http.MethodDelete, "/jobs", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	problemtest.Want(t, w.Code, w.Header(), w.Body.String(), 405, "/jobs")
	if got := w.Header().Get("Allow"); !strings.Contains(got, "POST") {
		t.Errorf("Allow = %q, want POST", got)
	}
}
