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
	"sync"
	"testing"
	"time"
)

// fakeRelated is a relatedFinder whose behaviour a test chooses.
type fakeRelated struct {
	fn func(ctx context.Context, slug string) ([]string, error)
}

func (f fakeRelated) Related(ctx context.Context, slug string) ([]string, error) {
	return f.fn(ctx, slug)
}

var _ relatedFinder = fakeRelated{}

// errSecretFailure is what a broken dependency might say: internals that must
// never reach a client.
var errSecretFailure = errors.New("dial tcp 10.0.3.7:5432: connection refused (user=conduit password=hunter2)")

// newTestServer returns a server over the seed articles, a clock that
// advances a second per reading, and a related service that fails.
func newTestServer(t *testing.T) *api {
	t.Helper()
	var mu sync.Mutex
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	store := newArticleStore(func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	})
	seedArticles(store)
	return newHandler(deps{
		Store:   store,
		Related: fakeRelated{fn: func(context.Context, string) ([]string, error) { return nil, errSecretFailure }},
		Log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
}

type req struct {
	method, path, body string
	header             map[string]string
}

func do(t *testing.T, h http.Handler, rq req) *httptest.ResponseRecorder {
	t.Helper()
	if rq.method == "" {
		rq.method = http.MethodGet
	}
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
		wantProblemShape(t, w, rq.path)
	}
	return w
}

var (
	jake = map[string]string{"Authorization": "Token jake-token"}
	ann  = map[string]string{"Authorization": "Token ann-token"}
)

const validArticle = `{"article": {"title": "Status codes, consistently", "body": "One code per situation.", "tagList": ["api"]}}`

// TestStatusCodes is the status code policy as a table: one row per code
// the API uses, each produced by a real request. Every error is an RFC
// 9457 problem with the matching status and type.
func TestStatusCodes(t *testing.T) {
	tests := []struct {
		name     string
		rq       req
		want     int
		wantType string // problem type, for errors
	}{
		{"200 read", req{path: "/v2/articles/how-to-train-your-dragon"}, 200, ""},
		{"201 create", req{method: "POST", path: "/v2/articles", body: validArticle, header: jake}, 201, ""},
		{"204 delete", req{method: "DELETE", path: "/v2/articles/go-channels-in-practice", header: jake}, 204, ""},
		{"400 malformed JSON", req{method: "POST", path: "/v2/articles", body: `{"article": `, header: jake}, 400, "/problems/malformed-request"},
		{"400 trailing data", req{method: "POST", path: "/v2/articles", body: validArticle + " ]", header: jake}, 400, "/problems/malformed-request"},
		{"400 unknown field", req{method: "POST", path: "/v2/articles", body: `{"article": {"title": "x", "slug": "y"}}`, header: jake}, 400, "/problems/malformed-request"},
		{"400 bad page", req{path: "/v2/articles?page=0"}, 400, "/problems/malformed-request"},
		{"400 per_page over the limit", req{path: "/v2/articles?per_page=1000"}, 400, "/problems/malformed-request"},
		{"400 unknown parameter", req{path: "/v2/articles?sort=title"}, 400, "/problems/malformed-request"},
		{"400 unsupported version in query", req{path: "/articles?version=7"}, 400, "/problems/unsupported-version"},
		{"400 malformed version header", req{path: "/articles", header: map[string]string{"API-Version": "two"}}, 400, "/problems/unsupported-version"},
		{"401 no token", req{method: "POST", path: "/v2/articles", body: validArticle}, 401, "/problems/unauthenticated"},
		{"401 bad token", req{path: "/v2/articles", header: map[string]string{"Authorization": "Token stolen"}}, 401, "/problems/unauthenticated"},
		{"401 wrong scheme", req{path: "/v2/articles", header: map[string]string{"Authorization": "Basic amFrZTpwdw=="}}, 401, "/problems/unauthenticated"},
		{"403 not the author", req{method: "PUT", path: "/v2/articles/how-to-train-your-dragon", body: validArticle, header: ann}, 403, "/problems/forbidden"},
		{"404 unknown article", req{path: "/v2/articles/no-such-thing"}, 404, "/problems/not-found"},
		{"404 someone else's draft", req{path: "/v2/articles/draft-hateoas-in-practice", header: ann}, 404, "/problems/not-found"},
		{"404 unknown URL", req{path: "/v2/nothing-here"}, 404, "/problems/not-found"},
		{"404 unknown version in path", req{path: "/v9/articles"}, 404, "/problems/not-found"},
		{"405 method", req{method: "PATCH", path: "/v2/articles/how-to-train-your-dragon", body: "{}", header: jake}, 405, "/problems/method-not-allowed"},
		{"405 v1 is read-only", req{method: "POST", path: "/v1/articles", body: validArticle, header: jake}, 405, "/problems/method-not-allowed"},
		{"406 unknown media type version", req{path: "/articles", header: map[string]string{"Accept": "application/vnd.workbook.v5+json"}}, 406, "/problems/not-acceptable"},
		{"409 duplicate title", req{method: "POST", path: "/v2/articles", body: `{"article": {"title": "How to Train Your Dragon!", "body": "again"}}`, header: jake}, 409, "/problems/conflict"},
		{"409 invalid transition", req{method: "POST", path: "/v2/articles/how-to-train-your-dragon/publish", header: jake}, 409, "/problems/conflict"},
		{"413 body too large", req{method: "POST", path: "/v2/articles", body: `{"article": {"title": "big", "body": "` + strings.Repeat("x", maxRequestBody) + `"}}`, header: jake}, 413, "/problems/payload-too-large"},
		{"415 not JSON", req{method: "POST", path: "/v2/articles", body: "title=x", header: map[string]string{"Authorization": "Token jake-token", "Content-Type": "application/x-www-form-urlencoded"}}, 415, "/problems/unsupported-media-type"},
		{"422 title without a letter", req{method: "POST", path: "/v2/articles", body: `{"article": {"title": "!!!", "body": "b"}}`, header: jake}, 422, "/problems/validation-failed"},
		{"422 invalid fields", req{method: "POST", path: "/v2/articles", body: `{"article": {"title": "", "tagList": ["Not OK"]}}`, header: jake}, 422, "/problems/validation-failed"},
		{"500 failing dependency", req{path: "/v2/articles/how-to-train-your-dragon/related"}, 500, "/problems/internal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newTestServer(t)
			w := do(t, h, tc.rq)
			if w.Code != tc.want {
				t.Fatalf("%s %s = %d %s, want %d", tc.rq.method, tc.rq.path, w.Code, w.Body, tc.want)
			}
			if tc.wantType == "" {
				return
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("%s %s Content-Type = %q, want application/problem+json", tc.rq.method, tc.rq.path, ct)
			}
			var p problemDetails
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatalf("error body %q is not JSON: %v", w.Body, err)
			}
			if p.Type != tc.wantType || p.Status != tc.want || p.Title == "" || p.Instance == "" {
				t.Errorf("problem = %+v, want type %s, status %d, a title and an instance", p, tc.wantType, tc.want)
			}
			if tc.want != 500 && p.Detail == "" {
				t.Errorf("a %d problem has no detail; say what was wrong", tc.want)
			}
		})
	}
}

func TestErrorDetails(t *testing.T) {
	h := newTestServer(t)

	// 422 lists every bad field as a JSON Pointer.
	w := do(t, h, req{method: "POST", path: "/v2/articles", body: `{"article": {"title": "", "tagList": ["ok", "Not OK"]}}`, header: jake})
	var p problemDetails
	_ = json.Unmarshal(w.Body.Bytes(), &p)
	got := map[string]bool{}
	for _, e := range p.Errors {
		got[e.Pointer] = true
	}
	for _, ptr := range []string{"#/article/title", "#/article/body", "#/article/tagList/1"} {
		if !got[ptr] {
			t.Errorf("422 errors = %+v, want an entry for %s", p.Errors, ptr)
		}
	}

	// 500 says nothing about the cause, but gives a request ID to quote.
	w = do(t, h, req{path: "/v2/articles/how-to-train-your-dragon/related"})
	for _, leak := range []string{"hunter2", "10.0.3.7", "dial", "refused", "related service"} {
		if strings.Contains(w.Body.String(), leak) {
			t.Errorf("500 body %s leaks %q", w.Body, leak)
		}
	}
	p = problemDetails{}
	_ = json.Unmarshal(w.Body.Bytes(), &p)
	if p.RequestID == "" || p.RequestID != w.Header().Get("X-Request-Id") {
		t.Errorf("500 requestId = %q, header X-Request-Id = %q, want the same non-empty ID", p.RequestID, w.Header().Get("X-Request-Id"))
	}

	// 401 says how to authenticate; 405 says what is allowed.
	if w := do(t, h, req{method: "POST", path: "/v2/articles", body: validArticle}); w.Header().Get("WWW-Authenticate") == "" {
		t.Error("401 response has no WWW-Authenticate header")
	}
	if w := do(t, h, req{method: "PATCH", path: "/v2/articles/x"}); w.Header().Get("Allow") != "GET, HEAD, PUT, DELETE" {
		t.Errorf("405 Allow = %q, want %q", w.Header().Get("Allow"), "GET, HEAD, PUT, DELETE")
	}
}

// TestPanicIsA500: a bug in a handler is a 500 problem, not a dropped connection.
func TestPanicIsA500(t *testing.T) {
	s := newTestServer(t)
	s.Related = fakeRelated{fn: func(context.Context, string) ([]string, error) { panic("nil map write") }}
	w := do(t, s, req{path: "/v2/articles/how-to-train-your-dragon/related"})
	if w.Code != 500 || strings.Contains(w.Body.String(), "nil map") {
		t.Errorf("handler panic = %d %s, want a 500 problem without the panic text", w.Code, w.Body)
	}
}

func TestRelatedWorks(t *testing.T) {
	s := newTestServer(t)
	s.Related = fakeRelated{fn: func(_ context.Context, slug string) ([]string, error) {
		return []string{"go-channels-in-practice"}, nil
	}}
	w := do(t, s, req{path: "/v2/articles/how-to-train-your-dragon/related"})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"go-channels-in-practice"`) {
		t.Errorf("GET related with a healthy dependency = %d %s, want 200 listing go-channels-in-practice", w.Code, w.Body)
	}
}

func TestRelatedClient(t *testing.T) {
	svc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/related/dragons" {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, `["a","b"]`)
	}))
	defer svc.Close()
	c := &relatedClient{BaseURL: svc.URL, HTTP: svc.Client()}
	got, err := c.Related(context.Background(), "dragons")
	if err != nil || strings.Join(got, ",") != "a,b" {
		t.Errorf("Related(dragons) = %v, %v, want [a b], nil", got, err)
	}
	if _, err := c.Related(context.Background(), "other"); err == nil {
		t.Error("Related on a 404 from the service returned no error")
	}
}
