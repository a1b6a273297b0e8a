package trie

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"testing"
)

// serveMuxAnswer registers patterns on a real http.ServeMux and reports
// what it does with path: the pattern that served it, "404", "redirect <to>",
// or "panic" when the patterns cannot be registered together.
func serveMuxAnswer(patterns []string, path string) (answer string) {
	mux := http.NewServeMux()
	defer func() {
		if recover() != nil {
			answer = "panic"
		}
	}()
	for _, p := range patterns {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, p)
		})
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	switch rec.Code {
	case http.StatusOK:
		return rec.Body.String()
	case http.StatusMovedPermanently, http.StatusTemporaryRedirect:
		// Go 1.26 answers 307 where earlier releases answered 301.
		return "redirect " + rec.Header().Get("Location")
	default:
		return fmt.Sprint(rec.Code)
	}
}

// TestTrieVersusServeMux is the precedence table. Column trie is what this
// exercise must do; column serveMux is what Go's http.ServeMux does with
// the same patterns, checked against the real thing so the table cannot
// lie. Where they differ, the note says why.
func TestTrieVersusServeMux(t *testing.T) {
	tests := []struct {
		patterns []string
		path     string
		trie     string // matched pattern or "404"
		serveMux string // matched pattern, "404", "redirect <location>" or "panic"
		note     string
	}{
		{[]string{"/articles/feed", "/articles/{slug}"}, "/articles/feed", "/articles/feed", "/articles/feed", "static beats parameter in both"},
		{[]string{"/articles/feed", "/articles/{slug}"}, "/articles/hello", "/articles/{slug}", "/articles/{slug}", ""},
		{[]string{"/articles/feed", "/articles/{slug}"}, "/articles/", "404", "404", "a parameter needs a non-empty segment"},
		{[]string{"/articles/feed", "/articles/{slug}"}, "/articles", "404", "404", ""},
		{[]string{"/files/{name}", "/files/{path...}"}, "/files/a.txt", "/files/{name}", "/files/{name}", "parameter beats wildcard in both"},
		{[]string{"/files/{name}", "/files/{path...}"}, "/files/a/b.txt", "/files/{path...}", "/files/{path...}", ""},
		{[]string{"/files/{name}", "/files/{path...}"}, "/files/", "/files/{path...}", "/files/{path...}", "a wildcard may match an empty rest"},
		{[]string{"/files/{name}", "/files/{path...}"}, "/files", "404", "redirect /files/", "ServeMux redirects to the slash form"},
		{[]string{"/a/b/c", "/a/{x}/d"}, "/a/b/d", "/a/{x}/d", "/a/{x}/d", "the trie backs off from the static branch"},
		{[]string{"/a/b/c", "/a/{x}/d"}, "/a/b/c", "/a/b/c", "/a/b/c", ""},
		{[]string{"/a/{x}/c", "/a/{rest...}"}, "/a/b/d", "/a/{rest...}", "/a/{rest...}", "backs off from parameter to wildcard"},
		{[]string{"/a/{x}", "/{y}/b"}, "/a/b", "/a/{x}", "panic", "neither is more specific: ServeMux refuses both, the trie decides left to right"},
		{[]string{"/{y}/b", "/a/b"}, "/a/b", "/a/b", "/a/b", "registration order does not matter to either"},
		{[]string{"/"}, "/", "/", "/", ""},
		{[]string{"/"}, "/anything", "404", "/", `ServeMux's "/" matches every path`},
		{[]string{"/docs/"}, "/docs/intro", "404", "/docs/", "ServeMux: a trailing slash makes a prefix pattern"},
		{[]string{"/docs/"}, "/docs", "404", "redirect /docs/", ""},
		{[]string{"/a/{x}/b"}, "/a//b", "404", "redirect /a/b", "ServeMux cleans the path and redirects"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%v %s", tc.patterns, tc.path), func(t *testing.T) {
			if got := serveMuxAnswer(tc.patterns, tc.path); got != tc.serveMux {
				t.Errorf("http.ServeMux with %v on %s answers %q, the table says %q", tc.patterns, tc.path, got, tc.serveMux)
			}
			r := New()
			for _, p := range tc.patterns {
				if err := r.Add(p, p); err != nil {
					t.Fatalf("Add(%q) = %v, want nil", p, err)
				}
			}
			got := "404"
			if name, _, ok := r.Match(tc.path); ok {
				got = name
			}
			if got != tc.trie {
				t.Errorf("with %v, Match(%q) = %q, want %q (%s)", tc.patterns, tc.path, got, tc.trie, tc.note)
			}
		})
	}
}

func TestMatchParams(t *testing.T) {
	r := New()
	for _, p := range []string{
		"/articles/{slug}",
		"/articles/{slug}/comments/{id}",
		"/users/{name}/articles/{slug}",
		"/files/{path...}",
		"/raw/{all...}",
	} {
		if err := r.Add(p, p); err != nil {
			t.Fatalf("Add(%q) = %v, want nil", p, err)
		}
	}
	tests := []struct {
		path   string
		want   string
		params map[string]string
	}{
		{"/articles/go", "/articles/{slug}", map[string]string{"slug": "go"}},
		{"/articles/go/comments/7", "/articles/{slug}/comments/{id}", map[string]string{"slug": "go", "id": "7"}},
		{"/users/ada/articles/go", "/users/{name}/articles/{slug}", map[string]string{"name": "ada", "slug": "go"}},
		{"/files/a", "/files/{path...}", map[string]string{"path": "a"}},
		{"/files/a/b/c.txt", "/files/{path...}", map[string]string{"path": "a/b/c.txt"}},
		{"/files/", "/files/{path...}", map[string]string{"path": ""}},
		{"/raw/x//y/", "/raw/{all...}", map[string]string{"all": "x//y/"}},
	}
	for _, tc := range tests {
		name, params, ok := r.Match(tc.path)
		if !ok || name != tc.want || !maps.Equal(params, tc.params) {
			t.Errorf("Match(%q) = %q, %v, %v; want %q, %v, true", tc.path, name, params, ok, tc.want, tc.params)
		}
	}
	for _, path := range []string{"", "articles/go", "/articles/go/comments", "/users/ada"} {
		if name, _, ok := r.Match(path); ok {
			t.Errorf("Match(%q) = %q, true; want no match", path, name)
		}
	}
}

// TestParamNamesPerRoute checks that two routes sharing a parameter
// position keep their own names.
func TestParamNamesPerRoute(t *testing.T) {
	r := New()
	for _, p := range []string{"/a/{x}/b", "/a/{y}/c"} {
		if err := r.Add(p, p); err != nil {
			t.Fatalf("Add(%q) = %v, want nil", p, err)
		}
	}
	for path, want := range map[string]map[string]string{"/a/1/b": {"x": "1"}, "/a/2/c": {"y": "2"}} {
		if _, params, ok := r.Match(path); !ok || !maps.Equal(params, want) {
			t.Errorf("Match(%q) params = %v, %v; want %v, true", path, params, ok, want)
		}
	}
}

// TestParamsAfterBackingOff: when a branch fails deeper down, the
// variables it captured on the way must not leak into the route that
// finally matches.
func TestParamsAfterBackingOff(t *testing.T) {
	tests := []struct {
		patterns []string
		path     string
		want     string
		params   map[string]string
	}{
		{[]string{"/a/{x}/c", "/a/{rest...}"}, "/a/b/d", "/a/{rest...}", map[string]string{"rest": "b/d"}},
		{[]string{"/a/b/c", "/a/{x}/d"}, "/a/b/d", "/a/{x}/d", map[string]string{"x": "b"}},
		{[]string{"/a/b/{c}/d", "/a/{x}/{y}/e"}, "/a/b/q/e", "/a/{x}/{y}/e", map[string]string{"x": "b", "y": "q"}},
		{[]string{"/u/{id}/posts/{p}", "/u/{name}/{tab...}"}, "/u/7/posts", "/u/{name}/{tab...}", map[string]string{"name": "7", "tab": "posts"}},
		{[]string{"/u/{id}/posts/{p}", "/u/{name}/{tab...}"}, "/u/7/posts/9", "/u/{id}/posts/{p}", map[string]string{"id": "7", "p": "9"}},
		{[]string{"/k/{a}/{b}/z", "/k/{c}/{d...}"}, "/k/1/2/y", "/k/{c}/{d...}", map[string]string{"c": "1", "d": "2/y"}},
		{[]string{"/s/x/{n}/t", "/s/{all...}"}, "/s/x/1/u", "/s/{all...}", map[string]string{"all": "x/1/u"}},
	}
	for _, tc := range tests {
		r := New()
		for _, p := range tc.patterns {
			if err := r.Add(p, p); err != nil {
				t.Fatalf("Add(%q) = %v, want nil", p, err)
			}
		}
		name, params, ok := r.Match(tc.path)
		if !ok || name != tc.want || !maps.Equal(params, tc.params) {
			t.Errorf("with %v, Match(%q) = %q, %v, %v; want %q, %v, true", tc.patterns, tc.path, name, params, ok, tc.want, tc.params)
		}
	}
}

func TestAddRejects(t *testing.T) {
	tests := []struct {
		name     string
		existing []string
		pattern  string
		want     error
	}{
		{"no leading slash", nil, "articles", ErrBadPattern},
		{"unclosed brace", nil, "/a/{x", ErrBadPattern},
		{"empty name", nil, "/a/{}", ErrBadPattern},
		{"empty wildcard name", nil, "/a/{...}", ErrBadPattern},
		{"text around a variable", nil, "/a/x{y}", ErrBadPattern},
		{"wildcard not last", nil, "/a/{rest...}/b", ErrBadPattern},
		{"text after a variable", nil, "/a/{y}x", ErrBadPattern},
		{"doubled open brace", nil, "/a/{{y}", ErrBadPattern},
		{"doubled close brace", nil, "/a/{y}}", ErrBadPattern},
		{"braces nested", nil, "/a/{x{y}}", ErrBadPattern},
		{"a stray close brace", nil, "/a/}", ErrBadPattern},
		{"a stray open brace", nil, "/a/{", ErrBadPattern},
		{"wildcard in the middle of a long pattern", nil, "/a/{rest...}/b/c", ErrBadPattern},
		{"two wildcards", nil, "/a/{x...}/{y...}", ErrBadPattern},
		{"same static pattern twice", []string{"/a/b"}, "/a/b", ErrDuplicate},
		{"same root twice", []string{"/"}, "/", ErrDuplicate},
		{"same pattern twice", []string{"/a/{x}"}, "/a/{x}", ErrDuplicate},
		{"same shape, other name", []string{"/a/{x}"}, "/a/{y}", ErrDuplicate},
		{"two wildcards in one place", []string{"/f/{a...}"}, "/f/{b...}", ErrDuplicate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New()
			for _, p := range tc.existing {
				if err := r.Add(p, p); err != nil {
					t.Fatalf("Add(%q) = %v, want nil", p, err)
				}
			}
			if err := r.Add(tc.pattern, "new"); !errors.Is(err, tc.want) {
				t.Errorf("Add(%q) = %v, want %v", tc.pattern, err, tc.want)
			}
		})
	}
}
