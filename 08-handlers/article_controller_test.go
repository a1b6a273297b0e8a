package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"

	"workbook/08-handlers/article"
	"workbook/08-handlers/mocks"
	"workbook/serve/problem"
)

var quietLogger = slog.New(slog.NewTextHandler(io.Discard, nil))

var sample = article.Article{Slug: "hello", Title: "Hello", Body: "b", Author: "alice", CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}

// serveRequest runs one request through the full router (auth and request
// ID included), watched by watchErrors for internal text in error bodies.
func serveRequest(t *testing.T, svc article.Service, method, target, token, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	watchErrors(t, newRouter(svc, quietLogger)).ServeHTTP(rec, req)
	return rec
}

// Table-driven handler tests with the hand-written fake: each row sets only
// the service behaviour it needs and checks status, error code and body.
func TestArticleHandlersWithFake(t *testing.T) {
	notFound := article.Errorf(article.ENOTFOUND, "article %q not found", "nope")
	tests := []struct {
		name           string
		svc            *fakeService
		method, target string
		token, body    string
		wantStatus     int
		wantDetail     string // substring of the problem's detail, for failures
		wantBody       string // substring, for successes
	}{
		{name: "get ok", svc: &fakeService{GetFn: func(_ context.Context, slug string) (article.Article, error) { return sample, nil }},
			method: "GET", target: "/articles/hello", wantStatus: 200, wantBody: `"slug":"hello"`},
		{name: "get missing", svc: &fakeService{GetFn: func(context.Context, string) (article.Article, error) { return article.Article{}, notFound }},
			method: "GET", target: "/articles/nope", wantStatus: 404, wantDetail: `article "nope" not found`},
		{name: "internal error is not leaked", svc: &fakeService{GetFn: func(context.Context, string) (article.Article, error) {
			return article.Article{}, errors.New("pq: connection refused to 10.0.0.7")
		}}, method: "GET", target: "/articles/x", wantStatus: 500, wantDetail: "internal error"},
		{name: "list passes the filter", svc: &fakeService{ListFn: func(_ context.Context, f article.ListFilter) ([]article.Article, error) {
			if f.Author != "alice" || f.Limit != 5 {
				return nil, errors.New("unexpected filter")
			}
			return []article.Article{sample}, nil
		}}, method: "GET", target: "/articles?author=alice&limit=5", wantStatus: 200, wantBody: `"count":1`},
		{name: "list bad limit", svc: &fakeService{}, method: "GET", target: "/articles?limit=abc", wantStatus: 400, wantDetail: "limit must be a whole number"},
		{name: "list limit too big", svc: &fakeService{}, method: "GET", target: "/articles?limit=1000", wantStatus: 400, wantDetail: "limit must be a whole number"},
		{name: "create needs a user", svc: &fakeService{}, method: "POST", target: "/articles", body: `{"title":"t","body":"b"}`, wantStatus: 401, wantDetail: "sign in to create"},
		{name: "create unknown token", svc: &fakeService{}, method: "POST", target: "/articles", token: "forged", body: `{"title":"t"}`, wantStatus: 401, wantDetail: "token is missing or unknown"},
		{name: "create malformed JSON", svc: &fakeService{}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":`, wantStatus: 400, wantDetail: "ends in the middle"},
		{name: "create wrong field type", svc: &fakeService{}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":42}`, wantStatus: 400, wantDetail: "field title must be a string"},
		{name: "create unknown field", svc: &fakeService{}, method: "POST", target: "/articles", token: "alice-token", body: `{"tilte":"typo"}`, wantStatus: 400, wantDetail: `unknown field "tilte"`},
		{name: "create invalid per the service", svc: &fakeService{CreateFn: func(context.Context, article.NewArticle) (article.Article, error) {
			return article.Article{}, &article.Error{Code: article.EINVALID, Message: "the article has invalid fields",
				Fields: []article.FieldError{{Field: "title", Message: "title is required"}}}
		}}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":""}`, wantStatus: 422, wantDetail: "title is required"},
		{name: "create conflict", svc: &fakeService{CreateFn: func(context.Context, article.NewArticle) (article.Article, error) {
			return article.Article{}, article.Errorf(article.ECONFLICT, "taken")
		}}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":"Hello","body":"b"}`, wantStatus: 409, wantDetail: "taken"},
		{name: "create ok uses the context user", svc: &fakeService{CreateFn: func(_ context.Context, in article.NewArticle) (article.Article, error) {
			if in.Author != "bob" {
				return article.Article{}, errors.New("author not taken from the context")
			}
			return article.Article{Slug: "t", Title: in.Title, Author: in.Author}, nil
		}}, method: "POST", target: "/articles", token: "bob-token", body: `{"title":"t","body":"b"}`, wantStatus: 201, wantBody: `"author":"bob"`},
		{name: "delete forbidden", svc: &fakeService{DeleteFn: func(context.Context, string, string) error {
			return article.Errorf(article.EFORBIDDEN, "only the author may delete")
		}}, method: "DELETE", target: "/articles/hello", token: "bob-token", wantStatus: 403, wantDetail: "only the author may delete"},
		{name: "delete ok", svc: &fakeService{DeleteFn: func(context.Context, string, string) error { return nil }},
			method: "DELETE", target: "/articles/hello", token: "alice-token", wantStatus: 204},
		{name: "unknown route", svc: &fakeService{}, method: "GET", target: "/nope", wantStatus: 404, wantDetail: "no resource at /nope"},
		{name: "wrong method", svc: &fakeService{}, method: "PUT", target: "/articles/hello", wantStatus: 405, wantDetail: "allowed: GET, HEAD, DELETE"},
		{name: "stray bracket after the object", svc: &fakeService{}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":"t","body":"b"} ]`, wantStatus: 400, wantDetail: "single JSON object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := serveRequest(t, tc.svc, tc.method, tc.target, tc.token, tc.body)
			if rec.Code != tc.wantStatus {
				t.Fatalf("%s %s = %d %s, want %d", tc.method, tc.target, rec.Code, rec.Body, tc.wantStatus)
			}
			if tc.wantDetail != "" {
				p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), tc.wantStatus, tc.target)
				if !strings.Contains(p.Detail, tc.wantDetail) && !strings.Contains(fmt.Sprint(p.Errors), tc.wantDetail) {
					t.Errorf("%s %s problem = %+v, want its detail or errors to contain %q", tc.method, tc.target, p, tc.wantDetail)
				}
				if p.RequestID == "" || p.RequestID != rec.Header().Get("X-Request-Id") {
					t.Errorf("%s %s requestId = %q, want the X-Request-Id header %q", tc.method, tc.target, p.RequestID, rec.Header().Get("X-Request-Id"))
				}
			}
			if !strings.Contains(rec.Body.String(), tc.wantBody) {
				t.Errorf("%s %s body = %s, want it to contain %s", tc.method, tc.target, rec.Body, tc.wantBody)
			}
			if strings.Contains(rec.Body.String(), "10.0.0.7") {
				t.Errorf("%s %s leaked an internal error: %s", tc.method, tc.target, rec.Body)
			}
		})
	}
}

func TestCreateRejectsOversizedBody(t *testing.T) {
	body := `{"title":"t","body":"` + strings.Repeat("x", maxBodyBytes) + `"}`
	rec := serveRequest(t, &fakeService{}, "POST", "/articles", "alice-token", body)
	wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), http.StatusRequestEntityTooLarge, "/articles")
}

func TestCreateRejectsWrongContentType(t *testing.T) {
	req := httptest.NewRequest("POST", "/articles", strings.NewReader(`title=t`))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer alice-token")
	rec := httptest.NewRecorder()
	watchErrors(t, newRouter(&fakeService{}, quietLogger)).ServeHTTP(rec, req)
	wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), http.StatusUnsupportedMediaType, "/articles")
}

// A 422 lists every broken rule at once, each with a JSON Pointer to its
// field: the real service, not a fake, decides what is wrong.
func TestCreateValidationListsEveryField(t *testing.T) {
	svc := article.NewMemory(nil)
	rec := serveRequest(t, svc, "POST", "/articles", "alice-token", `{"title":"!!!","body":" "}`)
	p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), http.StatusUnprocessableEntity, "/articles")
	want := []problem.FieldError{
		{Pointer: "/title", Detail: "title must contain a letter or digit"},
		{Pointer: "/body", Detail: "body is required"},
	}
	if !slices.Equal(p.Errors, want) {
		t.Errorf("422 errors = %+v, want %+v", p.Errors, want)
	}
}

// Slugs come from workbook/serve/slug, the same in every chapter: accents
// are folded, not turned into hyphens.
func TestCreateSlugFoldsAccents(t *testing.T) {
	svc := article.NewMemory(nil)
	rec := serveRequest(t, svc, "POST", "/articles", "alice-token", `{"title":"Crème Brûlée","body":"b"}`)
	if rec.Code != http.StatusCreated || rec.Header().Get("Location") != "/articles/creme-brulee" {
		t.Errorf("POST Crème Brûlée = %d, Location %q; want 201 at /articles/creme-brulee", rec.Code, rec.Header().Get("Location"))
	}
}

// The request ID is the server's request-scoped value in the context: a
// sane X-Request-Id from the caller is kept, anything else is replaced, and
// the handler sees the same ID the response carries.
func TestRequestIDTravelsInTheContext(t *testing.T) {
	var seen string
	h := withRequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = requestIDFrom(r.Context()) }))
	for _, sent := range []string{"abc-123", "", "bad id", strings.Repeat("x", 65)} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("X-Request-Id", sent)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("X-Request-Id")
		keep := sent == "abc-123"
		if got == "" || got != seen || keep != (got == sent) {
			t.Errorf("X-Request-Id %q: response has %q, handler saw %q; want the same ID in both, kept only when sane", sent, got, seen)
		}
	}
	type otherKey struct{}
	if id := requestIDFrom(context.WithValue(context.Background(), otherKey{}, "forged")); id != "" {
		t.Errorf("requestIDFrom read %q stored under another package's key", id)
	}
}

// The same kind of test with a mockery-generated mock. The mock's value is
// its expectations: the test states exactly which calls the handler must make
// with which arguments, and AssertExpectations (registered by NewService)
// fails if a call is missing. Use it when the interaction IS the behaviour.
func TestDeleteCallsServiceWithSlugAndSignedInUser(t *testing.T) {
	svc := mocks.NewService(t)
	svc.EXPECT().Delete(mock.Anything, "hello", "alice").Return(nil).Once()

	rec := serveRequest(t, svc, "DELETE", "/articles/hello", "alice-token", "")
	if rec.Code != http.StatusNoContent {
		t.Errorf("DELETE /articles/hello = %d %s, want 204", rec.Code, rec.Body)
	}
}

func TestCreateNeverCallsServiceOnBadInput(t *testing.T) {
	svc := mocks.NewService(t) // no expectations: any call fails the test
	for _, body := range []string{`{`, `[]`, `{"title":1}`, `{"extra":true}`} {
		rec := serveRequest(t, svc, "POST", "/articles", "alice-token", body)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("POST %s = %d, want 400", body, rec.Code)
		}
	}
}

// End to end over the real in-memory service: the wiring main uses.
func TestRouterOverMemoryService(t *testing.T) {
	svc := article.NewMemory(func() time.Time { return sample.CreatedAt })
	srv := httptest.NewServer(watchErrors(t, newRouter(svc, quietLogger)))
	defer srv.Close()

	do := func(method, path, token, body string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	steps := []struct {
		method, path, token, body string
		want                      int
	}{
		{"POST", "/articles", "alice-token", `{"title":"Thin Handlers","body":"x"}`, 201},
		{"POST", "/articles", "bob-token", `{"title":"thin handlers!","body":"y"}`, 409},
		{"POST", "/articles", "bob-token", `{"title":"","body":""}`, 422},
		{"GET", "/articles/nope", "", "", 404},
		{"GET", "/articles/thin-handlers", "", "", 200},
		{"DELETE", "/articles/thin-handlers", "bob-token", "", 403},
		{"DELETE", "/articles/thin-handlers", "alice-token", "", 204},
		{"GET", "/articles/thin-handlers", "", "", 404},
	}
	for _, s := range steps {
		if got := do(s.method, s.path, s.token, s.body).StatusCode; got != s.want {
			t.Errorf("%s %s as %q = %d, want %d", s.method, s.path, s.token, got, s.want)
		}
	}
}
