package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"workbook/serve/problem/problemtest"
	"workbook/testinfra"
)

func serveOnce(h http.Handler, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func TestRoutes(t *testing.T) {
	bi := buildInfo{Version: "1.0.0", Commit: "abc", GoVersion: "go1.26.8"}
	down := readiness{ping: func(context.Context) error { return errors.New("dial tcp 10.0.0.7:5432: connection refused") }, timeout: time.Second}
	h := problemtest.WatchErrors(t, routes(bi, readiness{timeout: time.Second}))

	rec := serveOnce(h, "GET", "/version")
	var got buildInfo
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 || got.Version != "1.0.0" || got.Commit != "abc" {
		t.Errorf("GET /version = %d %s (%v)", rec.Code, rec.Body, err)
	}
	if rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q", rec.Header().Get("Content-Type"))
	}
	for _, path := range []string{"/livez", "/readyz"} {
		if rec := serveOnce(h, "GET", path); rec.Code != 200 {
			t.Errorf("GET %s = %d, want 200", path, rec.Code)
		}
	}
	if rec := serveOnce(h, "HEAD", "/version"); rec.Code != 200 {
		t.Errorf("HEAD /version = %d, want 200", rec.Code)
	}
	rec = serveOnce(h, "POST", "/version")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, "/version")
	if rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("Allow = %q, want GET, HEAD", rec.Header().Get("Allow"))
	}
	rec = serveOnce(h, "GET", "/nope")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 404, "/nope")

	// A failing database: not ready, still alive, and the driver's text
	// (an internal address) stays in the server.
	hd := problemtest.WatchErrors(t, routes(bi, down), "10.0.0.7")
	rec = serveOnce(hd, "GET", "/readyz")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/readyz")
	if rec := serveOnce(hd, "GET", "/livez"); rec.Code != 200 {
		t.Errorf("GET /livez with the database down = %d, want 200: liveness must not depend on it", rec.Code)
	}
}

func TestReadinessAgainstPostgres(t *testing.T) {
	url := testinfra.Postgres(t)
	ready, closeDB, err := newReadiness(url, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB()
	if err := ready.check(context.Background()); err != nil {
		t.Errorf("check against a live database = %v, want nil", err)
	}
	dead, closeDead, err := newReadiness("postgres://postgres@127.0.0.1:1/none?sslmode=disable", time.Second)
	if err != nil {
		t.Fatalf("newReadiness must not connect at start: %v", err)
	}
	defer closeDead()
	if err := dead.check(context.Background()); !errors.Is(err, errDatabase) {
		t.Errorf("check against a closed port = %v, want errDatabase", err)
	}
	if _, _, err := newReadiness("postgres://%zz", time.Second); err == nil {
		t.Error("newReadiness(bad URL) = nil, want an error")
	}
}

func TestDialable(t *testing.T) {
	for in, want := range map[string]string{":8030": "127.0.0.1:8030", "0.0.0.0:8030": "127.0.0.1:8030", "[::]:1": "127.0.0.1:1", "10.1.2.3:80": "10.1.2.3:80", "nonsense": "nonsense"} {
		if got := dialable(in); got != want {
			t.Errorf("dialable(%q) = %q, want %q", in, got, want)
		}
	}
}
