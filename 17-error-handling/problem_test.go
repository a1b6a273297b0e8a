package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"workbook/serve/problem/problemtest"
)

// failure is one request that must fail, and how.
type failure struct {
	name           string
	method, target string
	body           string
	header         []string
	setup          func(a *testApp)
	status         int
	code           errorCode
}

// failures provoke every failure of every route: wrong methods, bad
// bodies, missing things, the bug, the dependency down.
func failures() []failure {
	big := `{"title":"t","body":"` + strings.Repeat("x", maxBodyBytes) + `"}`
	down := func(a *testApp) { a.views.dep.setMode("down") }
	return []failure{
		{name: "no such path", method: "GET", target: "/nope", status: 404, code: codeNotFound},
		{name: "limit not a number", method: "GET", target: "/articles?limit=ten", status: 400, code: codeInvalidParameter},
		{name: "limit too large", method: "GET", target: "/articles?limit=1000", status: 400, code: codeInvalidParameter},
		{name: "wrong method on a collection", method: "DELETE", target: "/articles", status: 405, code: codeMethodNotAllowed},
		{name: "wrong method on an item", method: "PATCH", target: "/articles/1", status: 405, code: codeMethodNotAllowed},
		{name: "wrong method on the dependency", method: "POST", target: "/dependency", status: 405, code: codeMethodNotAllowed},
		{name: "id not a number", method: "GET", target: "/articles/abc", status: 400, code: codeInvalidParameter},
		{name: "id zero", method: "GET", target: "/articles/0", status: 400, code: codeInvalidParameter},
		{name: "missing article", method: "GET", target: "/articles/99", status: 404, code: codeArticleNotFound},
		{name: "no media type", method: "POST", target: "/articles", body: `{}`, header: []string{"Content-Type", ""}, status: 415, code: codeUnsupportedMediaType},
		{name: "text body", method: "POST", target: "/articles", body: `hi`, header: []string{"Content-Type", "text/plain"}, status: 415, code: codeUnsupportedMediaType},
		{name: "empty body", method: "POST", target: "/articles", header: []string{"Content-Type", "application/json"}, status: 400, code: codeMalformedBody},
		{name: "bad JSON", method: "POST", target: "/articles", body: `{"title": }`, status: 400, code: codeMalformedBody},
		{name: "truncated JSON", method: "POST", target: "/articles", body: `{"title": "a`, status: 400, code: codeMalformedBody},
		{name: "wrong JSON type", method: "POST", target: "/articles", body: `{"title": 7}`, status: 400, code: codeMalformedBody},
		{name: "unknown field", method: "POST", target: "/articles", body: `{"titel": "x"}`, status: 400, code: codeMalformedBody},
		{name: "two objects", method: "POST", target: "/articles", body: `{} {}`, status: 400, code: codeMalformedBody},
		{name: "oversize body", method: "POST", target: "/articles", body: big, status: 413, code: codeBodyTooLarge},
		{name: "invalid fields", method: "POST", target: "/articles", body: `{"title":" ","tags":["", "ok"]}`, status: 422, code: codeValidationFailed},
		{name: "duplicate title", method: "POST", target: "/articles", body: `{"title":"errors are VALUES","body":"again"}`, status: 409, code: codeArticleExists},
		{name: "no cover", method: "GET", target: "/articles/2/cover", status: 404, code: codeCoverNotFound},
		{name: "cover of a missing article", method: "GET", target: "/articles/99/cover", status: 404, code: codeArticleNotFound},
		{name: "unreadable cover", method: "GET", target: "/articles/3/cover", status: 500, code: codeInternal},
		{name: "excerpt panics", method: "GET", target: "/articles/2/excerpt", status: 500, code: codeInternal},
		{name: "excerpt bad id", method: "GET", target: "/articles/x/excerpt", status: 400, code: codeInvalidParameter},
		{name: "views of a missing article", method: "GET", target: "/articles/99/views", status: 404, code: codeArticleNotFound},
		{name: "views, dependency down", method: "GET", target: "/articles/1/views", setup: down, status: 503, code: codeDependencyUnavailable},
		{name: "views, dependency slow", method: "GET", target: "/articles/1/views", setup: func(a *testApp) {
			a.views.dep.setMode("slow")
			a.views.budget = 30e6 // 30 ms
		}, status: 503, code: codeDependencyUnavailable},
		{name: "unknown mode", method: "PUT", target: "/dependency", body: `{"mode":"sideways"}`, status: 422, code: codeValidationFailed},
		{name: "mode not JSON", method: "PUT", target: "/dependency", body: `down`, status: 400, code: codeMalformedBody},
	}
}

// TestNoInternalTextReachesTheClient walks every route of the route table
// with every failure above and checks each answer: a problem with the
// right status and code, the request ID of its response header, and none
// of the internal text (error types, SQL, addresses, paths, stacks).
func TestNoInternalTextReachesTheClient(t *testing.T) {
	covered := map[string]bool{}
	for _, f := range failures() {
		t.Run(f.name, func(t *testing.T) {
			a := newTestApp(t)
			if f.setup != nil {
				f.setup(a)
			}
			rec := a.do(f.method, f.target, f.body, f.header...)
			p := problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), f.status, f.target)
			var body struct {
				Code errorCode `json:"code"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &body)
			if body.Code != f.code {
				t.Errorf("code = %q, want %q", body.Code, f.code)
			}
			if id := rec.Header().Get("X-Request-Id"); id == "" || p.RequestID != id {
				t.Errorf("requestId = %q, X-Request-Id = %q: want the same, non-empty", p.RequestID, id)
			}
			if p.Detail == "" {
				t.Error("detail is empty")
			}
			if leaked := problemtest.Leaked(rec.Body.String(), leakMarkers...); len(leaked) > 0 {
				t.Errorf("body leaks %q:\n%s", leaked, rec.Body.String())
			}
			for k, vs := range rec.Header() {
				if leaked := problemtest.Leaked(strings.Join(vs, " "), leakMarkers...); len(leaked) > 0 {
					t.Errorf("header %s leaks %q", k, leaked)
				}
			}
		})
		// Which route did it hit? Patterns matched by the method and path.
		a := newTestApp(t)
		for _, rt := range a.routeTable() {
			method, path, _ := strings.Cut(rt.pattern, " ")
			if matchPattern(path, f.target) && (method == f.method) {
				covered[rt.pattern] = true
			}
		}
	}
	// GET /dependency reads two fields from memory: it has no failure of
	// its own, and its path is walked by the 405 case above.
	covered["GET /dependency"] = true
	a := newTestApp(t)
	for _, rt := range a.routeTable() {
		if !covered[rt.pattern] {
			t.Errorf("no failure case exercises %s", rt.pattern)
		}
	}
}

// matchPattern reports whether target's path fits a ServeMux path pattern
// of literal segments and {wildcards}.
func matchPattern(pattern, target string) bool {
	path, _, _ := strings.Cut(target, "?")
	ps, ts := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(ts) {
		return false
	}
	for i := range ps {
		if !strings.HasPrefix(ps[i], "{") && ps[i] != ts[i] {
			return false
		}
	}
	return true
}

// TestWrongMethodIsA405WithAllow is the house's 405 check.
func TestWrongMethodIsA405WithAllow(t *testing.T) {
	a := newTestApp(t)
	for target, allow := range map[string]string{
		"/articles":   "GET, HEAD, POST",
		"/articles/1": "GET, HEAD",
		"/dependency": "GET, HEAD, PUT",
	} {
		rec := a.do("DELETE", target, "")
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), http.StatusMethodNotAllowed, target)
		if got := rec.Header().Get("Allow"); got != allow {
			t.Errorf("DELETE %s: Allow = %q, want %q", target, got, allow)
		}
	}
}

// TestSuccessesStillWork guards the happy paths the failures sit beside.
func TestSuccessesStillWork(t *testing.T) {
	a := newTestApp(t)
	for _, c := range []struct {
		method, target, body string
		status               int
		want                 string
	}{
		{"GET", "/articles", "", 200, `"Errors are values"`},
		{"GET", "/articles?limit=1", "", 200, `"Errors are values"`},
		{"GET", "/articles/1", "", 200, `"id": 1`},
		{"GET", "/articles/1/cover", "", 200, "<svg"},
		{"GET", "/articles/1/excerpt", "", 200, `"excerpt": "An error in Go`},
		{"GET", "/articles/1/views", "", 200, `"views": 1001`},
		{"POST", "/articles", `{"title":"New","body":"b","tags":["x"]}`, 201, `"id": 4`},
		{"PUT", "/dependency", `{"mode":"flaky"}`, 200, `"mode": "flaky"`},
		{"GET", "/dependency", "", 200, `"breaker": "closed"`},
	} {
		rec := a.do(c.method, c.target, c.body)
		if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s %s = %d %s, want %d with %s", c.method, c.target, rec.Code, rec.Body.String(), c.status, c.want)
		}
	}
	if loc := a.do("POST", "/articles", `{"title":"Newer","body":"b"}`).Header().Get("Location"); loc != "/articles/5" {
		t.Errorf("Location = %q, want /articles/5", loc)
	}
}
