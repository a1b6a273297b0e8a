package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"workbook/26-testing/bookmark"
)

var (
	quietLogger = slog.New(slog.DiscardHandler)
	fixedClock  = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
)

// newTestHandler is the handler main builds, over the in-memory fake.
func newTestHandler(t testing.TB, repo bookmark.Repository) http.Handler {
	return watchErrors(t, routes(bookmark.NewService(repo, fixedClock), quietLogger))
}

func do(h http.Handler, method, path, contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// Unit tests of the HTTP layer: one table, each row a request and the status
// and problem it must get. The store is the fake, so nothing here is slow.
func TestCreateAnswers(t *testing.T) {
	const js = "application/json"
	tests := []struct {
		name, contentType, body string
		want                    int
		wantPointers            []string // for a 422
	}{
		{"created", js, `{"url":"https://go.dev","title":"Go"}`, 201, nil},
		{"media type with parameters", js + "; charset=utf-8", `{"url":"https://pkg.go.dev","title":"pkg"}`, 201, nil},
		{"duplicate after normalising", js, `{"url":"HTTPS://GO.DEV:443/","title":"Go again"}`, 409, nil},
		{"every invalid field", js, `{"url":"go.dev","title":" "}`, 422, []string{"/url", "/title"}},
		{"no media type", "", `{"url":"https://go.dev","title":"Go"}`, 415, nil},
		{"wrong media type", "text/plain", `{"url":"https://go.dev","title":"Go"}`, 415, nil},
		{"malformed JSON", js, `{"url":`, 400, nil},
		{"unknown member", js, `{"url":"https://a.dev","title":"A","tags":[]}`, 400, nil},
		{"two objects", js, `{"url":"https://a.dev","title":"A"} {}`, 400, nil},
		{"wrong type", js, `{"url":1,"title":"A"}`, 400, nil},
		{"oversize", js, `{"url":"https://a.dev","title":"` + strings.Repeat("a", maxBody) + `"}`, 413, nil},
	}
	h := newTestHandler(t, bookmark.NewMemory())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, "POST", "/bookmarks", tt.contentType, tt.body)
			if rec.Code != tt.want {
				t.Fatalf("POST /bookmarks %s = %d %s, want %d", tt.body, rec.Code, rec.Body, tt.want)
			}
			if tt.want == 201 {
				if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/bookmarks/") {
					t.Errorf("201 Location = %q, want /bookmarks/{id}", loc)
				}
				return
			}
			p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), tt.want, "/bookmarks")
			var got []string
			for _, f := range p.Errors {
				got = append(got, f.Pointer)
			}
			if strings.Join(got, " ") != strings.Join(tt.wantPointers, " ") {
				t.Errorf("422 pointers = %v, want %v", got, tt.wantPointers)
			}
		})
	}
}

func TestGetAndDeleteAnswers(t *testing.T) {
	h := newTestHandler(t, bookmark.NewMemory())
	if rec := do(h, "POST", "/bookmarks", "application/json", `{"url":"https://go.dev","title":"Go"}`); rec.Code != 201 {
		t.Fatalf("seed POST = %d %s", rec.Code, rec.Body)
	}
	tests := []struct {
		method, path string
		want         int
	}{
		{"GET", "/bookmarks/1", 200},
		{"GET", "/bookmarks/2", 404},
		{"GET", "/bookmarks/abc", 404},
		{"GET", "/bookmarks/0", 404},
		{"GET", "/bookmarks/99999999999999999999", 404},
		{"PUT", "/bookmarks/1", 405},
		{"GET", "/nowhere", 404},
		{"DELETE", "/bookmarks/1", 204},
		{"DELETE", "/bookmarks/1", 404},
		{"GET", "/bookmarks/1", 404},
	}
	for _, tt := range tests {
		rec := do(h, tt.method, tt.path, "", "")
		if rec.Code != tt.want {
			t.Errorf("%s %s = %d %s, want %d", tt.method, tt.path, rec.Code, rec.Body, tt.want)
			continue
		}
		if tt.want >= 400 {
			wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), tt.want, tt.path)
		}
		if tt.want == 405 && rec.Header().Get("Allow") == "" {
			t.Errorf("%s %s = 405 without Allow", tt.method, tt.path)
		}
	}
}

// brokenRepo is a stub whose every call fails like a database that is down.
type brokenRepo struct{}

var errDown = errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")

func (brokenRepo) Create(context.Context, bookmark.Bookmark) (bookmark.Bookmark, error) {
	return bookmark.Bookmark{}, errDown
}
func (brokenRepo) Get(context.Context, int64) (bookmark.Bookmark, error) {
	return bookmark.Bookmark{}, errDown
}
func (brokenRepo) List(context.Context) ([]bookmark.Bookmark, error) { return nil, errDown }
func (brokenRepo) Delete(context.Context, int64) error               { return errDown }

// A store failure is a 500 whose body says nothing of the driver;
// watchErrors fails the test if "connection refused" leaks.
func TestStoreFailureIsA500WithoutDriverText(t *testing.T) {
	var logged strings.Builder
	h := watchErrors(t, routes(bookmark.NewService(brokenRepo{}, fixedClock), slog.New(slog.NewTextHandler(&logged, nil))))
	for _, r := range []struct{ method, path, body string }{
		{"POST", "/bookmarks", `{"url":"https://go.dev","title":"Go"}`},
		{"GET", "/bookmarks", ""},
		{"GET", "/bookmarks/1", ""},
		{"DELETE", "/bookmarks/1", ""},
	} {
		rec := do(h, r.method, r.path, "application/json", r.body)
		wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), 500, r.path)
	}
	if !strings.Contains(logged.String(), "connection refused") {
		t.Errorf("the log should keep the store's error for the operator; got %q", logged.String())
	}
}

func TestHealthz(t *testing.T) {
	rec := do(newTestHandler(t, bookmark.NewMemory()), "GET", "/healthz", "", "")
	if body, _ := io.ReadAll(rec.Body); rec.Code != 200 || string(body) != "ok\n" {
		t.Fatalf("GET /healthz = %d %q, want 200 ok", rec.Code, body)
	}
}
