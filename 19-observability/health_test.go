package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"workbook/serve/problem/problemtest"
)

func TestReadyzAllOK(t *testing.T) {
	ts := startSystem(t, testConfig())
	resp, err := http.Get(ts.frontend.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var report struct {
		Status string
		Checks []checkResult
	}
	if err := json.NewDecoder(resp.Body).Decode(&report); err != nil || resp.StatusCode != 200 {
		t.Fatalf("/readyz = %d, %v", resp.StatusCode, err)
	}
	if report.Status != "ready" || len(report.Checks) != 2 || report.Checks[0].Name != "backend" || report.Checks[1].Status != "ok" {
		t.Errorf("report = %+v", report)
	}
}

// TestReadyzSlowDependency: a database that takes 2 s makes /readyz fail
// after its 50 ms timeout, not after 2 s; /livez does not ask it at all.
func TestReadyzSlowDependency(t *testing.T) {
	cfg := testConfig()
	cfg.dbDelay = 2 * time.Second
	cfg.readyTimeout = 50 * time.Millisecond
	ts := startSystem(t, cfg)
	start := time.Now()
	resp, err := http.Get(ts.frontend.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if elapsed := time.Since(start); elapsed >= time.Second {
		t.Errorf("/readyz took %s with a 50ms timeout: it waited for the dependency", elapsed)
	}
	problemtest.Want(t, resp.StatusCode, resp.Header, string(body), 503, "/readyz")
	if !strings.Contains(string(body), "database timeout") || strings.Contains(string(body), "deadline") {
		t.Errorf("body = %s, want it to name the database timeout without the error text", body)
	}
	if resp := ts.do(t, "GET", "/livez", nil, nil); resp.StatusCode != http.StatusNoContent {
		t.Errorf("/livez = %d with a slow database, want 204", resp.StatusCode)
	}
}

func TestReadyzFailedDependency(t *testing.T) {
	h := readyHandler([]dependency{
		{"cache", func(context.Context) error { return errors.New("dial tcp 10.0.0.9:11211: connection refused") }},
		{"db", func(context.Context) error { return nil }},
	}, time.Second, slog.New(slog.DiscardHandler))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/readyz")
	if !strings.Contains(rec.Body.String(), "cache failed") || strings.Contains(rec.Body.String(), "db ") {
		t.Errorf("body = %s, want only the cache named as failed", rec.Body)
	}
	if l := problemtest.Leaked(rec.Body.String(), "10.0.0.9", "refused"); len(l) > 0 {
		t.Errorf("body leaks %v", l)
	}
}
