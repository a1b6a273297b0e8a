package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"workbook/serve/problem"
	"workbook/serve/problem/problemtest"
)

func do(h http.Handler, method, target, contentType, body string, token bool) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if token {
		r.Header.Set("Authorization", "Token "+testToken)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// TestErrorsAreProblems holds every error to the house shape, and a 422 to
// naming every bad field with a JSON pointer.
func TestErrorsAreProblems(t *testing.T) {
	h := newTestHandler(t)
	rec := do(h, "POST", "/api/bookmarks", "application/json",
		`{"url":"ftp://example.com/","title":"","tags":["a","b","c","d","e","f"],"visibility":"secret"}`, true)
	p := problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 422, "/api/bookmarks")
	want := []problem.FieldError{
		{Pointer: "/url", Detail: "must be an absolute http or https URL"},
		{Pointer: "/title", Detail: "is required"},
		{Pointer: "/tags", Detail: "must have at most 5 tags"},
		{Pointer: "/visibility", Detail: "must be public or private"},
	}
	if !slices.Equal(p.Errors, want) {
		t.Errorf("422 errors = %+v, want %+v", p.Errors, want)
	}

	rec = do(h, "POST", "/api/bookmarks", "application/json", `{"url":"https://go.dev/","title":"Go","tags":[1]}`, true)
	p = problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 422, "/api/bookmarks")
	if len(p.Errors) != 1 || p.Errors[0].Pointer != "/tags" {
		t.Errorf("tags [1]: errors %+v, want one at /tags", p.Errors)
	}

	for _, c := range []struct {
		method, target, ct, body string
		token                    bool
		status                   int
	}{
		{"POST", "/api/bookmarks", "application/json", `{"url":"https://go.dev/","title":"Go"} {}`, true, 400},
		{"POST", "/api/bookmarks", "application/json", `[]`, true, 400},
		{"POST", "/api/bookmarks", "", `{}`, true, 415},
		{"POST", "/api/bookmarks", "application/json", `{}`, false, 401},
		{"PUT", "/api/bookmarks/1", "application/json", `{}`, true, 405},
		{"GET", "/api/nothing", "", "", false, 404},
	} {
		rec := do(h, c.method, c.target, c.ct, c.body, c.token)
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), c.status, c.target)
		if c.status == 405 && rec.Header().Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", c.method, c.target)
		}
		if c.status == 401 && rec.Header().Get("WWW-Authenticate") != "Token" {
			t.Errorf("401 without WWW-Authenticate: Token")
		}
	}
}

// TestCreateThenRead checks the write path end to end: defaults, Location,
// the tag list.
func TestCreateThenRead(t *testing.T) {
	h := newTestHandler(t)
	rec := do(h, "POST", "/api/bookmarks", "application/json; charset=utf-8", `{"url":"https://go.dev/","title":"Go","tags":["go","zz"]}`, true)
	if rec.Code != 201 || rec.Header().Get("Location") != "/api/bookmarks/3" {
		t.Fatalf("POST = %d, Location %q; want 201 /api/bookmarks/3", rec.Code, rec.Header().Get("Location"))
	}
	var b bookmark
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || b.Visibility != "public" || b.CreatedAt.IsZero() {
		t.Fatalf("created %+v (%v), want public with a creation time", b, err)
	}
	rec = do(h, "GET", "/api/tags", "", "", false)
	if got := strings.TrimSpace(rec.Body.String()); got != `{"tags":["go","modules","openapi","spec","zz"]}` {
		t.Errorf("GET /api/tags = %s", got)
	}
	rec = do(h, "GET", "/api/bookmarks?tag=go", "", "", false)
	var list bookmarkList
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || list.BookmarksCount != 2 || len(list.Bookmarks) != 2 {
		t.Errorf("GET ?tag=go = %+v (%v), want 2", list, err)
	}
}

// TestProblemDocMatchesProblem keeps the documented error schema in step
// with the body workbook/serve/problem writes: same JSON members, same
// kinds.
func TestProblemDocMatchesProblem(t *testing.T) {
	members := func(typ reflect.Type) map[string]reflect.Kind {
		m := map[string]reflect.Kind{}
		for f := range typ.Fields() {
			m[strings.Split(f.Tag.Get("json"), ",")[0]] = f.Type.Kind()
		}
		return m
	}
	for _, pair := range [][2]reflect.Type{
		{reflect.TypeFor[problemDoc](), reflect.TypeFor[problem.Problem]()},
		{reflect.TypeFor[fieldErrorDoc](), reflect.TypeFor[problem.FieldError]()},
	} {
		if doc, real := members(pair[0]), members(pair[1]); !reflect.DeepEqual(doc, real) {
			t.Errorf("%v documents %v, but %v has %v", pair[0], doc, pair[1], real)
		}
	}
}
