package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/26-testing/bookmark"
	"workbook/testinfra"
)

// TestEndToEnd is the top of the pyramid: the handler tree main builds, the
// PostgreSQL adapter on a real (fresh) database, a real TCP listener and a
// real HTTP client. It walks one user's story; the many edge cases live in
// the cheaper tests below it.
func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, testinfra.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	repo := bookmark.NewPostgres(pool)
	if err := repo.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(watchErrors(t, routes(bookmark.NewService(repo, time.Now), quietLogger)))
	t.Cleanup(srv.Close)

	call := func(method, path, body string) (int, http.Header, string) {
		t.Helper()
		req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Header, string(b)
	}

	code, h, body := call("POST", "/bookmarks", `{"url":"HTTPS://Go.Dev","title":"The Go site"}`)
	if code != 201 {
		t.Fatalf("POST = %d %s, want 201", code, body)
	}
	var created bookmark.Bookmark
	if err := json.Unmarshal([]byte(body), &created); err != nil || created.URL != "https://go.dev/" {
		t.Fatalf("POST body %s (%v), want the normalised URL https://go.dev/", body, err)
	}
	loc := h.Get("Location")

	steps := []struct {
		method, path, body string
		want               int
		wantIn             string
	}{
		{"GET", loc, "", 200, `"title": "The Go site"`},
		{"POST", "/bookmarks", `{"url":"https://go.dev:443/","title":"again"}`, 409, `"status": 409`},
		{"GET", "/bookmarks", "", 200, `"count": 1`},
		{"DELETE", loc, "", 204, ""},
		{"GET", loc, "", 404, `"status": 404`},
		{"GET", "/bookmarks", "", 200, `"count": 0`},
	}
	for _, s := range steps {
		code, h, body := call(s.method, s.path, s.body)
		if code != s.want || !strings.Contains(body, s.wantIn) {
			t.Fatalf("%s %s = %d %s; want %d with %s", s.method, s.path, code, body, s.want, s.wantIn)
		}
		if code >= 400 {
			wantProblem(t, code, h, body, s.want, s.path)
		}
	}
}
