package allow

import "testing"

var table = []Route{
	0:  {"GET", "/articles"},
	1:  {"POST", "/articles"},
	2:  {"GET", "/articles/{slug}"},
	3:  {"PUT", "/articles/{slug}"},
	4:  {"DELETE", "/articles/{slug}"},
	5:  {"GET", "/articles/{slug}/comments"},
	6:  {"POST", "/articles/{slug}/comments"},
	7:  {"DELETE", "/articles/{slug}/comments/{id}"},
	8:  {"POST", "/users/login"},
	9:  {"HEAD", "/ping"},
	10: {"GET", "/ping"},
	11: {"OPTIONS", "/cors"},
	12: {"GET", "/cors"},
	13: {"GET", "/"},
	14: {"GET", "/members/{name}"},
	15: {"PUT", "/members/me"},
	16: {"PURGE", "/cache"},
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name   string
		method string
		path   string
		want   Result
	}{
		{"static match", "GET", "/articles", Result{200, 0, ""}},
		{"same path, other method", "POST", "/articles", Result{200, 1, ""}},
		{"parameter match", "PUT", "/articles/hello", Result{200, 3, ""}},
		{"nested parameters", "DELETE", "/articles/go/comments/7", Result{200, 7, ""}},
		{"root", "GET", "/", Result{200, 13, ""}},
		{"HEAD is served by GET", "HEAD", "/articles/hello", Result{200, 2, ""}},
		{"HEAD is served by the first route of the table", "HEAD", "/articles", Result{200, 0, ""}},
		{"explicit HEAD route wins over GET", "HEAD", "/ping", Result{200, 9, ""}},
		{"explicit OPTIONS route is used", "OPTIONS", "/cors", Result{200, 11, ""}},
		{"405 on a collection", "DELETE", "/articles", Result{405, -1, "GET, HEAD, POST, OPTIONS"}},
		{"405 on an item", "PATCH", "/articles/hello", Result{405, -1, "GET, HEAD, PUT, DELETE, OPTIONS"}},
		{"405 without GET has no HEAD", "GET", "/users/login", Result{405, -1, "POST, OPTIONS"}},
		{"HEAD without GET is a 405", "HEAD", "/users/login", Result{405, -1, "POST, OPTIONS"}},
		{"HEAD listed once when both exist", "POST", "/ping", Result{405, -1, "GET, HEAD, OPTIONS"}},
		{"OPTIONS listed once when a route has it", "PUT", "/cors", Result{405, -1, "GET, HEAD, OPTIONS"}},
		{"methods are case-sensitive", "get", "/articles", Result{405, -1, "GET, HEAD, POST, OPTIONS"}},
		{"automatic OPTIONS", "OPTIONS", "/articles/hello/comments", Result{204, -1, "GET, HEAD, POST, OPTIONS"}},
		{"Allow gathers every route whose pattern matches", "PATCH", "/members/me", Result{405, -1, "GET, HEAD, PUT, OPTIONS"}},
		{"a static route's method does not leak to its siblings", "PUT", "/members/ada", Result{405, -1, "GET, HEAD, OPTIONS"}},
		{"the static route serves its own method", "PUT", "/members/me", Result{200, 15, ""}},
		{"the parameter route serves the static path too", "GET", "/members/me", Result{200, 14, ""}},
		{"extension methods come after standard ones", "GET", "/cache", Result{405, -1, "OPTIONS, PURGE"}},
		{"unknown path", "GET", "/nope", Result{404, -1, ""}},
		{"OPTIONS on unknown path", "OPTIONS", "/nope", Result{404, -1, ""}},
		{"too many segments", "GET", "/articles/a/b", Result{404, -1, ""}},
		{"empty parameter segment", "GET", "/articles/", Result{404, -1, ""}},
		{"trailing slash is another path", "GET", "/articles/hello/", Result{404, -1, ""}},
		{"literal segments compare exactly", "GET", "/Articles", Result{404, -1, ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Resolve(table, tc.method, tc.path)
			if got != tc.want {
				t.Errorf("Resolve(table, %q, %q) = %+v, want %+v", tc.method, tc.path, got, tc.want)
			}
		})
	}
}

func TestResolveEmptyTable(t *testing.T) {
	want := Result{Status: 404, Route: -1}
	if got := Resolve(nil, "GET", "/"); got != want {
		t.Errorf("Resolve(nil, GET, /) = %+v, want %+v", got, want)
	}
}

// TestResolveFirstGetServesHead: with two GET routes for one path, HEAD is
// served by the first, as GET itself is.
func TestResolveFirstGetServesHead(t *testing.T) {
	routes := []Route{{"GET", "/a/{x}"}, {"GET", "/a/b"}, {"POST", "/c/{x}"}, {"GET", "/c/{y}"}, {"GET", "/c/d"}}
	tests := []struct {
		method, path string
		want         Result
	}{
		{"GET", "/a/b", Result{200, 0, ""}},
		{"HEAD", "/a/b", Result{200, 0, ""}},
		{"HEAD", "/c/d", Result{200, 3, ""}},
		{"GET", "/c/d", Result{200, 3, ""}},
	}
	for _, tc := range tests {
		if got := Resolve(routes, tc.method, tc.path); got != tc.want {
			t.Errorf("Resolve(%v, %q, %q) = %+v, want %+v", routes, tc.method, tc.path, got, tc.want)
		}
	}
}

// TestResolveBracesInLiterals: only a whole segment in braces is a
// parameter; a segment that merely starts or ends with a brace is literal.
func TestResolveBracesInLiterals(t *testing.T) {
	routes := []Route{{"GET", "/tpl/{open"}, {"GET", "/tpl/close}"}}
	tests := []struct {
		path string
		want Result
	}{
		{"/tpl/{open", Result{200, 0, ""}},
		{"/tpl/close}", Result{200, 1, ""}},
		{"/tpl/other", Result{404, -1, ""}},
	}
	for _, tc := range tests {
		if got := Resolve(routes, "GET", tc.path); got != tc.want {
			t.Errorf("Resolve(%v, GET, %q) = %+v, want %+v", routes, tc.path, got, tc.want)
		}
	}
}
