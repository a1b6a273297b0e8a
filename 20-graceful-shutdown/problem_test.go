package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"workbook/serve/problem/problemtest"
)

func TestRoutes(t *testing.T) {
	st := &state{worker: &worker{jobs: make(chan string, 1)}}
	h := problemtest.WatchErrors(t, routes(st))
	do := func(method, target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
		return rec
	}
	if rec := do("GET", "/readyz"); rec.Code != 200 || rec.Header().Get("Connection") != "" {
		t.Errorf("/readyz before drain = %d %q, want 200 without Connection", rec.Code, rec.Header().Get("Connection"))
	}
	if rec := do("POST", "/jobs"); rec.Code != http.StatusAccepted {
		t.Errorf("POST /jobs = %d, want 202", rec.Code)
	}
	rec := do("POST", "/jobs") // queue of one is full
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/jobs")
	rec = do("GET", "/slow?ms=abc")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 400, "/slow?ms=abc")
	rec = do("DELETE", "/readyz")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, "/readyz")
	if rec.Header().Get("Allow") == "" {
		t.Error("405 without Allow")
	}
	st.draining.Store(true)
	rec = do("GET", "/readyz")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/readyz")
	if rec.Header().Get("Connection") != "close" {
		t.Error("draining response lacks Connection: close")
	}
	if rec := do("GET", "/healthz"); rec.Code != 200 {
		t.Errorf("/healthz while draining = %d, want 200 (alive)", rec.Code)
	}
}
