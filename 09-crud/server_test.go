package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// newTestServer returns a server over an empty store with a clock that
// advances one second per reading, so sort orders are deterministic.
func newTestServer(t *testing.T) *api {
	t.Helper()
	var mu sync.Mutex
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
	return newHandler(newArticleStore(now), slog.New(slog.NewTextHandler(io.Discard, nil)))
}

type req struct {
	method, path, body string
	header             map[string]string
}

func do(t *testing.T, h http.Handler, rq req) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(rq.method, rq.path, strings.NewReader(rq.body))
	if rq.body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range rq.header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	watchErrors(t, h).ServeHTTP(w, r)
	if w.Code >= 400 {
		// Every error is the house body: a problem whose instance is the
		// request's URI.
		wantProblem(t, w.Code, w.Header(), w.Body.String(), w.Code, rq.path)
	}
	return w
}

func articleBody(title string, tags ...string) string {
	b, _ := json.Marshal(map[string]articleInput{"article": {Title: title, Description: "d", Body: "b", Tags: tags}})
	return string(b)
}

// mustCreate creates an article and returns its ETag.
func mustCreate(t *testing.T, h http.Handler, title string, tags ...string) string {
	t.Helper()
	w := do(t, h, req{method: "POST", path: "/articles", body: articleBody(title, tags...), header: map[string]string{"X-User": "jake"}})
	if w.Code != http.StatusCreated {
		t.Fatalf("POST /articles %q = %d %s, want 201", title, w.Code, w.Body)
	}
	return w.Header().Get("ETag")
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("response %q is not the expected JSON: %v", w.Body, err)
	}
	return v
}

func TestCreate(t *testing.T) {
	h := newTestServer(t)
	mustCreate(t, h, "Existing article")
	tests := []struct {
		name     string
		rq       req
		want     int
		wantBody string // substring of the response body
	}{
		{"valid", req{method: "POST", path: "/articles", body: articleBody("How to train your dragon", "dragons")}, 201, `"slug": "how-to-train-your-dragon"`},
		{"duplicate slug", req{method: "POST", path: "/articles", body: articleBody("Existing  ARTICLE!")}, 409, "already exists"},
		{"malformed JSON", req{method: "POST", path: "/articles", body: `{"article": {"title": `}, 400, "malformed JSON"},
		{"empty body", req{method: "POST", path: "/articles", body: "", header: map[string]string{"Content-Type": "application/json"}}, 400, "empty"},
		{"unknown field", req{method: "POST", path: "/articles", body: `{"article": {"title": "t", "body": "b", "slug": "mine"}}`}, 400, `unknown field \"slug\"`},
		{"wrong type", req{method: "POST", path: "/articles", body: `{"article": {"title": 7}}`}, 400, `must be a JSON string`},
		{"two objects", req{method: "POST", path: "/articles", body: `{"article": {}} {}`}, 400, "single JSON object"},
		{"stray bracket after the object", req{method: "POST", path: "/articles", body: articleBody("Trailing") + " ]"}, 400, "single JSON object"},
		{"wrong content type", req{method: "POST", path: "/articles", body: articleBody("x"), header: map[string]string{"Content-Type": "text/plain"}}, 415, "Content-Type must be application/json"},
		{"missing fields", req{method: "POST", path: "/articles", body: `{"article": {"title": "  "}}`}, 422, `"pointer": "/article/title",
      "detail": "is required"`},
		{"title without letters", req{method: "POST", path: "/articles", body: `{"article": {"title": "!!!", "body": "b"}}`}, 422, "title must contain a letter or digit"},
		{"bad tag", req{method: "POST", path: "/articles", body: articleBody("Tagged", "Not OK")}, 422, "tagList"},
		{"too many tags", req{method: "POST", path: "/articles", body: articleBody("Many", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")}, 422, "at most 10 tags"},
		{"body too large", req{method: "POST", path: "/articles", body: `{"article": {"title": "big", "body": "` + strings.Repeat("x", maxRequestBody) + `"}}`}, 413, "at most"},
		{"bad X-User", req{method: "POST", path: "/articles", body: articleBody("Who"), header: map[string]string{"X-User": "a b"}}, 400, "X-User"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(t, h, tc.rq)
			if w.Code != tc.want || !strings.Contains(w.Body.String(), tc.wantBody) {
				t.Fatalf("%s %s = %d %s, want %d containing %q", tc.rq.method, tc.rq.path, w.Code, w.Body, tc.want, tc.wantBody)
			}
			if tc.want == 201 {
				if got := w.Header().Get("Location"); got != "/articles/how-to-train-your-dragon" {
					t.Errorf("Location = %q, want /articles/how-to-train-your-dragon", got)
				}
				if w.Header().Get("ETag") == "" {
					t.Error("201 response has no ETag")
				}
			}
		})
	}
}

// TestConcurrentCreateSameSlug hammers the check-then-insert race: of 50
// simultaneous creates of the same title exactly one may win.
func TestConcurrentCreateSameSlug(t *testing.T) {
	h := newTestServer(t)
	const n = 50
	codes := make(chan int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			codes <- do(t, h, req{method: "POST", path: "/articles", body: articleBody("Race to publish")}).Code
		})
	}
	close(start)
	wg.Wait()
	close(codes)
	count := map[int]int{}
	for c := range codes {
		count[c]++
	}
	if count[201] != 1 || count[409] != n-1 {
		t.Fatalf("%d concurrent creates gave %v, want exactly one 201 and %d 409", n, count, n-1)
	}
}

func TestList(t *testing.T) {
	h := newTestServer(t)
	mustCreate(t, h, "Bravo", "go")
	mustCreate(t, h, "alpha", "go", "web")
	mustCreate(t, h, "Charlie", "web")
	type list struct {
		Articles      []articleJSON `json:"articles"`
		ArticlesCount int           `json:"articlesCount"`
	}
	tests := []struct {
		query     string
		wantSlugs []string
		wantCount int
	}{
		{"", []string{"charlie", "alpha", "bravo"}, 3}, // newest first by default
		{"?sort=createdAt", []string{"bravo", "alpha", "charlie"}, 3},
		{"?sort=title", []string{"alpha", "bravo", "charlie"}, 3}, // case-insensitive
		{"?sort=-slug", []string{"charlie", "bravo", "alpha"}, 3},
		{"?tag=go&sort=slug", []string{"alpha", "bravo"}, 2},
		{"?q=ALP", []string{"alpha"}, 1},
		{"?author=nobody", []string{}, 0},
		{"?sort=slug&limit=2", []string{"alpha", "bravo"}, 3},
		{"?sort=slug&limit=2&offset=2", []string{"charlie"}, 3},
		{"?offset=99", []string{}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			w := do(t, h, req{method: "GET", path: "/articles" + tc.query})
			if w.Code != 200 {
				t.Fatalf("GET /articles%s = %d %s, want 200", tc.query, w.Code, w.Body)
			}
			got := decode[list](t, w)
			slugs := []string{}
			for _, a := range got.Articles {
				slugs = append(slugs, a.Slug)
			}
			if strings.Join(slugs, ",") != strings.Join(tc.wantSlugs, ",") || got.ArticlesCount != tc.wantCount {
				t.Errorf("GET /articles%s = %v (count %d), want %v (count %d)", tc.query, slugs, got.ArticlesCount, tc.wantSlugs, tc.wantCount)
			}
		})
	}
}

func TestListBadInput(t *testing.T) {
	h := newTestServer(t)
	for _, tc := range []struct{ query, wantBody string }{
		{"?sort=craetedAt", `cannot sort by \"craetedAt\"`},
		{"?limit=0", "limit must be"},
		{"?limit=101", "limit must be"},
		{"?limit=ten", "limit must be"},
		{"?offset=-1", "offset must be"},
		{"?page=2", `unknown query parameter \"page\"`},
	} {
		w := do(t, h, req{method: "GET", path: "/articles" + tc.query})
		if w.Code != 400 || !strings.Contains(w.Body.String(), tc.wantBody) {
			t.Errorf("GET /articles%s = %d %s, want 400 containing %q", tc.query, w.Code, w.Body, tc.wantBody)
		}
	}
}
