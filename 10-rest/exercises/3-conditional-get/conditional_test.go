package conditional

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestComparisonRFC9110 is the example table of RFC 9110 section 8.8.3.2,
// plus malformed tags, which never match.
func TestComparisonRFC9110(t *testing.T) {
	tests := []struct {
		a, b         string
		strong, weak bool
	}{
		{`W/"1"`, `W/"1"`, false, true},
		{`W/"1"`, `W/"2"`, false, false},
		{`W/"1"`, `"1"`, false, true},
		{`"1"`, `"1"`, true, true},
		{`"1"`, `"2"`, false, false},
		{`"a,b"`, `"a,b"`, true, true},
		{`1`, `1`, false, false},
		{`w/"1"`, `"1"`, false, false},
		{`""`, `""`, true, true},
		{`"1`, `"1`, false, false},
		{`"`, `"`, false, false},
		{`W/`, `W/`, false, false},
		{`W/"`, `W/"`, false, false},
		{``, ``, false, false},
		{`""a"`, `""a"`, false, false},
		{`"a""`, `"a""`, false, false},
		{`"a"b"`, `"a"b"`, false, false},
		{`"1"`, `W/"1"`, false, true},
		{`"1"`, `"1" `, false, false},
		{`W/"1"`, `W/W/"1"`, false, false},
		{`"x"`, `"y"`, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.a+" vs "+tc.b, func(t *testing.T) {
			if got := StrongMatch(tc.a, tc.b); got != tc.strong {
				t.Errorf("StrongMatch(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.strong)
			}
			if got := WeakMatch(tc.a, tc.b); got != tc.weak {
				t.Errorf("WeakMatch(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.weak)
			}
		})
	}
}

// article is the handler under test: a JSON article, optionally with its
// own ETag and caching headers.
func article(etag string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.Error(w, `{"title":"Not found"}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Vary", "Accept")
		w.Header().Set("Date", "Tue, 03 Feb 2026 10:00:00 GMT")
		w.Header().Set("Expires", "Tue, 03 Feb 2026 11:00:00 GMT")
		w.Header().Set("Content-Location", "/v2/articles/how-to-train-your-dragon")
		w.Header().Set("X-Request-Id", "abc")
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		fmt.Fprint(w, `{"slug":"how-to-train-your-dragon","title":"How to train your dragon"}`)
	})
}

func get(h http.Handler, method, path string, inm ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, nil)
	for _, v := range inm {
		r.Header.Add("If-None-Match", v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestGeneratedETag(t *testing.T) {
	h := Conditional(article(""))
	first := get(h, "GET", "/a")
	etag := first.Header().Get("ETag")
	if first.Code != 200 || !strings.Contains(first.Body.String(), "dragon") {
		t.Fatalf("GET = %d %q, want 200 with the article", first.Code, first.Body)
	}
	if !StrongMatch(etag, etag) {
		t.Fatalf("generated ETag %q is not a strong entity tag (\"...\")", etag)
	}
	if again := get(h, "GET", "/a").Header().Get("ETag"); again != etag {
		t.Errorf("same content gave ETags %s and %s, want them equal", etag, again)
	}
	other := Conditional(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "different") }))
	if get(other, "GET", "/a").Header().Get("ETag") == etag {
		t.Errorf("different content gave the same ETag %s", etag)
	}
}

func TestIfNoneMatch(t *testing.T) {
	const etag = `"v7"`
	tests := []struct {
		name        string
		handlerETag string
		inm         []string
		want        int
	}{
		{"no header", etag, nil, 200},
		{"same tag", etag, []string{`"v7"`}, 304},
		{"weak form matches (weak comparison)", etag, []string{`W/"v7"`}, 304},
		{"handler's weak tag matches strong request", `W/"v7"`, []string{`"v7"`}, 304},
		{"different tag", etag, []string{`"v6"`}, 200},
		{"list", etag, []string{`"v5", "v6", W/"v7"`}, 304},
		{"list without it", etag, []string{`"v5", "v6"`}, 200},
		{"several header lines", etag, []string{`"v5"`, `"v7"`}, 304},
		{"star", etag, []string{`*`}, 304},
		{"comma inside a tag", `"a,b"`, []string{`"x", "a,b"`}, 304},
		{"half of a comma tag is not the tag", `"a,b"`, []string{`"a`}, 200},
		{"unquoted is not a tag", etag, []string{`v7`}, 200},
		{"unquoted tag before a match", etag, []string{`v5, "v7"`}, 304},
		{"tab-separated list", etag, []string{"\"v5\",\t\"v7\""}, 304},
		{"list without spaces", etag, []string{`"v5","v7"`}, 304},
		{"empty tag before a match", etag, []string{`"", "v7"`}, 304},
		{"empty tag matches an empty handler tag", `""`, []string{`"x", ""`}, 304},
		{"dangling W/ at the end", etag, []string{`"v5", W/`}, 200},
		{"dangling W/ before a match", etag, []string{`W/, "v7"`}, 304},
		{"unterminated tag at the end", etag, []string{`"v5", "v7`}, 200},
		{"a tag is not matched by its prefix", etag, []string{`"v77"`}, 200},
		{"star among spaces", etag, []string{` * `}, 304},
		{"star on a second line", etag, []string{`"v5"`, `*`}, 304},
		{"weak request tag in a list", `W/"v7"`, []string{`"v5", W/"v7"`}, 304},
		{"weak tag containing a comma", `"a,b"`, []string{`W/"a,b"`}, 304},
		{"weak tag containing a comma, then another", `"a,b"`, []string{`W/"a,b", "c"`}, 304},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(Conditional(article(tc.handlerETag)), "GET", "/a", tc.inm...)
			if w.Code != tc.want {
				t.Fatalf("GET with If-None-Match %q = %d, want %d", tc.inm, w.Code, tc.want)
			}
			if tc.want != 304 {
				return
			}
			if w.Body.Len() != 0 {
				t.Errorf("304 has a body %q, want none", w.Body)
			}
			for k, want := range map[string]string{
				"ETag": tc.handlerETag, "Cache-Control": "no-cache", "Vary": "Accept",
				"Date": "Tue, 03 Feb 2026 10:00:00 GMT", "Expires": "Tue, 03 Feb 2026 11:00:00 GMT",
				"Content-Location": "/v2/articles/how-to-train-your-dragon",
				"Content-Type":     "", "X-Request-Id": "",
			} {
				if got := w.Header().Get(k); got != want {
					t.Errorf("304 header %s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestOnlyForSuccessfulGets(t *testing.T) {
	h := Conditional(article(`"v7"`))
	if w := get(h, "HEAD", "/a", `"v7"`); w.Code != 304 {
		t.Errorf("HEAD with a matching If-None-Match = %d, want 304", w.Code)
	}
	if w := get(h, "POST", "/a", `"v7"`); w.Code != 201 || w.Body.Len() == 0 {
		t.Errorf("POST with If-None-Match = %d %q, want the handler's 201 untouched", w.Code, w.Body)
	}
	w := get(h, "GET", "/missing", "*")
	if w.Code != 404 || !strings.Contains(w.Body.String(), "Not found") || w.Header().Get("ETag") != "" {
		t.Errorf("GET of a 404 with If-None-Match: * = %d %q ETag %q, want the 404 untouched and no ETag", w.Code, w.Body, w.Header().Get("ETag"))
	}
	w = get(h, "GET", "/a")
	if w.Header().Get("X-Request-Id") != "abc" || w.Header().Get("Content-Type") != "application/json" {
		t.Errorf("200 lost the handler's headers: %v", w.Header())
	}
	if w := get(h, "HEAD", "/a", `"v6"`); w.Code != 200 || w.Header().Get("ETag") != `"v7"` {
		t.Errorf("HEAD with a different If-None-Match = %d ETag %q, want 200 with ETag \"v7\"", w.Code, w.Header().Get("ETag"))
	}
	if w := get(h, "PUT", "/a", `"v7"`); w.Code != 200 || w.Body.Len() == 0 {
		t.Errorf("PUT with a matching If-None-Match = %d %q, want the handler's 200 untouched", w.Code, w.Body)
	}
}

// TestEmptyBody: a handler that writes nothing has answered 200 with an
// empty body, and that empty body has an ETag like any other.
func TestEmptyBody(t *testing.T) {
	h := Conditional(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	w := get(h, "GET", "/empty")
	etag := w.Header().Get("ETag")
	if w.Code != 200 || w.Body.Len() != 0 || !StrongMatch(etag, etag) {
		t.Fatalf("GET of a handler that writes nothing = %d %q ETag %q, want 200, no body and a strong ETag", w.Code, w.Body, etag)
	}
	if w := get(h, "GET", "/empty", etag); w.Code != 304 {
		t.Errorf("GET of the empty body with If-None-Match %s = %d, want 304", etag, w.Code)
	}
	if other := get(Conditional(article("")), "GET", "/a").Header().Get("ETag"); other == etag {
		t.Errorf("the empty body and the article both have ETag %s, want different tags", etag)
	}
}
