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

	"github.com/stretchr/testify/mock"

	"workbook/08-handlers/article"
	"workbook/08-handlers/mocks"
)

var quietLogger = slog.New(slog.NewTextHandler(io.Discard, nil))

var sample = article.Article{Slug: "hello", Title: "Hello", Body: "b", Author: "alice", CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}

// serveRequest runs one request through the full router (auth middleware included).
func serveRequest(svc article.Service, method, target, token, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	newRouter(svc, quietLogger).ServeHTTP(rec, req)
	return rec
}

// errorCode decodes the server's error format and returns its code.
func errorCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Message == "" {
		t.Fatalf("body %q is not the error format {\"error\":{\"code\",\"message\"}}: %v", rec.Body, err)
	}
	return body.Error.Code
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
		wantCode       string // error code, for failures
		wantBody       string // substring, for successes
	}{
		{name: "get ok", svc: &fakeService{GetFn: func(_ context.Context, slug string) (article.Article, error) { return sample, nil }},
			method: "GET", target: "/articles/hello", wantStatus: 200, wantBody: `"slug":"hello"`},
		{name: "get missing", svc: &fakeService{GetFn: func(context.Context, string) (article.Article, error) { return article.Article{}, notFound }},
			method: "GET", target: "/articles/nope", wantStatus: 404, wantCode: article.ENOTFOUND},
		{name: "internal error is not leaked", svc: &fakeService{GetFn: func(context.Context, string) (article.Article, error) {
			return article.Article{}, errors.New("pq: connection refused to 10.0.0.7")
		}}, method: "GET", target: "/articles/x", wantStatus: 500, wantCode: article.EINTERNAL},
		{name: "list passes the filter", svc: &fakeService{ListFn: func(_ context.Context, f article.ListFilter) ([]article.Article, error) {
			if f.Author != "alice" || f.Limit != 5 {
				return nil, errors.New("unexpected filter")
			}
			return []article.Article{sample}, nil
		}}, method: "GET", target: "/articles?author=alice&limit=5", wantStatus: 200, wantBody: `"count":1`},
		{name: "list bad limit", svc: &fakeService{}, method: "GET", target: "/articles?limit=abc", wantStatus: 400, wantCode: "bad_request"},
		{name: "list limit too big", svc: &fakeService{}, method: "GET", target: "/articles?limit=1000", wantStatus: 400, wantCode: "bad_request"},
		{name: "create needs a user", svc: &fakeService{}, method: "POST", target: "/articles", body: `{"title":"t","body":"b"}`, wantStatus: 401, wantCode: article.EUNAUTHORIZED},
		{name: "create unknown token", svc: &fakeService{}, method: "POST", target: "/articles", token: "forged", body: `{"title":"t"}`, wantStatus: 401, wantCode: "unauthorized"},
		{name: "create malformed JSON", svc: &fakeService{}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":`, wantStatus: 400, wantCode: "bad_request"},
		{name: "create wrong field type", svc: &fakeService{}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":42}`, wantStatus: 400, wantCode: "bad_request"},
		{name: "create unknown field", svc: &fakeService{}, method: "POST", target: "/articles", token: "alice-token", body: `{"tilte":"typo"}`, wantStatus: 400, wantCode: "bad_request"},
		{name: "create invalid per the service", svc: &fakeService{CreateFn: func(context.Context, article.NewArticle) (article.Article, error) {
			return article.Article{}, article.Errorf(article.EINVALID, "title is required")
		}}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":""}`, wantStatus: 422, wantCode: article.EINVALID},
		{name: "create conflict", svc: &fakeService{CreateFn: func(context.Context, article.NewArticle) (article.Article, error) {
			return article.Article{}, article.Errorf(article.ECONFLICT, "taken")
		}}, method: "POST", target: "/articles", token: "alice-token", body: `{"title":"Hello","body":"b"}`, wantStatus: 409, wantCode: article.ECONFLICT},
		{name: "create ok uses the context user", svc: &fakeService{CreateFn: func(_ context.Context, in article.NewArticle) (article.Article, error) {
			if in.Author != "bob" {
				return article.Article{}, errors.New("author not taken from the context")
			}
			return article.Article{Slug: "t", Title: in.Title, Author: in.Author}, nil
		}}, method: "POST", target: "/articles", token: "bob-token", body: `{"title":"t","body":"b"}`, wantStatus: 201, wantBody: `"author":"bob"`},
		{name: "delete forbidden", svc: &fakeService{DeleteFn: func(context.Context, string, string) error {
			return article.Errorf(article.EFORBIDDEN, "only the author may delete")
		}}, method: "DELETE", target: "/articles/hello", token: "bob-token", wantStatus: 403, wantCode: article.EFORBIDDEN},
		{name: "delete ok", svc: &fakeService{DeleteFn: func(context.Context, string, string) error { return nil }},
			method: "DELETE", target: "/articles/hello", token: "alice-token", wantStatus: 204},
		{name: "unknown route", svc: &fakeService{}, method: "GET", target: "/nope", wantStatus: 404, wantCode: article.ENOTFOUND},
		{name: "wrong method", svc: &fakeService{}, method: "PUT", target: "/articles/hello", wantStatus: 405, wantCode: "method_not_allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := serveRequest(tc.svc, tc.method, tc.target, tc.token, tc.body)
			if rec.Code != tc.wantStatus {
				t.Fatalf("%s %s = %d %s, want %d", tc.method, tc.target, rec.Code, rec.Body, tc.wantStatus)
			}
			if tc.wantCode != "" {
				if got := errorCode(t, rec); got != tc.wantCode {
					t.Errorf("%s %s error code = %q, want %q", tc.method, tc.target, got, tc.wantCode)
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
	rec := serveRequest(&fakeService{}, "POST", "/articles", "alice-token", body)
	if rec.Code != http.StatusRequestEntityTooLarge || errorCode(t, rec) != "bad_request" {
		t.Errorf("oversized POST = %d %s, want 413 in the error format", rec.Code, rec.Body)
	}
}

func TestCreateRejectsWrongContentType(t *testing.T) {
	req := httptest.NewRequest("POST", "/articles", strings.NewReader(`title=t`))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer alice-token")
	rec := httptest.NewRecorder()
	newRouter(&fakeService{}, quietLogger).ServeHTTP(rec, req)
	if rec.Code != http.StatusUnsupportedMediaType {
		t.Errorf("form POST = %d %s, want 415", rec.Code, rec.Body)
	}
}

// The same kind of test with a mockery-generated mock. The mock's value is
// its expectations: the test states exactly which calls the handler must make
// with which arguments, and AssertExpectations (registered by NewService)
// fails if a call is missing. Use it when the interaction IS the behaviour.
func TestDeleteCallsServiceWithSlugAndContextUser(t *testing.T) {
	svc := mocks.NewService(t)
	svc.EXPECT().Delete(mock.Anything, "hello", "alice").Return(nil).Once()

	rec := serveRequest(svc, "DELETE", "/articles/hello", "alice-token", "")
	if rec.Code != http.StatusNoContent {
		t.Errorf("DELETE /articles/hello = %d %s, want 204", rec.Code, rec.Body)
	}
}

func TestCreateNeverCallsServiceOnBadInput(t *testing.T) {
	svc := mocks.NewService(t) // no expectations: any call fails the test
	for _, body := range []string{`{`, `[]`, `{"title":1}`, `{"extra":true}`} {
		rec := serveRequest(svc, "POST", "/articles", "alice-token", body)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("POST %s = %d, want 400", body, rec.Code)
		}
	}
}

// End to end over the real in-memory service: the wiring main uses.
func TestRouterOverMemoryService(t *testing.T) {
	svc := article.NewMemory(func() time.Time { return sample.CreatedAt })
	srv := httptest.NewServer(newRouter(svc, quietLogger))
	defer srv.Close()

	do := func(method, path, token, body string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
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
