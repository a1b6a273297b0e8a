package methodtable

import "testing"

// editHint points a failing learner at the file to change.
func editHint(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("edit exercises/1-method-table/methodtable.go (hints: exercises/1-method-table/README.md)")
		}
	})
}

func TestAllow(t *testing.T) {
	editHint(t)
	tests := []struct {
		name    string
		methods []string
		want    string
	}{
		{"no handlers: OPTIONS is still answered", nil, "OPTIONS"},
		{"GET brings HEAD", []string{"GET"}, "GET, HEAD, OPTIONS"},
		{"no HEAD without GET", []string{"POST"}, "POST, OPTIONS"},
		{"a HEAD handler of its own", []string{"HEAD"}, "HEAD, OPTIONS"},
		{"conventional order, not input order", []string{"DELETE", "GET", "POST", "PATCH", "PUT"},
			"GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"},
		{"each method once", []string{"GET", "GET", "HEAD", "OPTIONS", "GET"}, "GET, HEAD, OPTIONS"},
		{"CONNECT and TRACE in place", []string{"TRACE", "CONNECT", "OPTIONS"}, "CONNECT, OPTIONS, TRACE"},
		{"extension methods last, in byte order", []string{"PROPFIND", "GET", "MKCOL"},
			"GET, HEAD, OPTIONS, MKCOL, PROPFIND"},
		{"methods are case-sensitive: get is not GET", []string{"get"}, "OPTIONS, get"},
		{"entries that are not tokens are ignored", []string{"", "BAD METHOD", "GET", "PUT\r\n"}, "GET, HEAD, OPTIONS"},
		{"a bad first character makes an entry no token", []string{" POST", ":PUT", "GET"}, "GET, HEAD, OPTIONS"},
		{"non-ASCII is not a token character", []string{"GÉT", "PUT\x00", "DELETE\x7f"}, "OPTIONS"},
		{"letters and digits at the ends of their ranges are token characters",
			[]string{"a", "z", "A", "Z", "0", "9"}, "OPTIONS, 0, 9, A, Z, a, z"},
		{"every token symbol is a token character", []string{"X!#$%&'*+-.^_`|~"}, "OPTIONS, X!#$%&'*+-.^_`|~"},
		{"symbols that are not token characters", []string{"X(", "X)", "X,", "X/", "X@", "X[", "X\"", "X{"}, "OPTIONS"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Allow(tc.methods); got != tc.want {
				t.Errorf("Allow(%q) = %q, want %q", tc.methods, got, tc.want)
			}
		})
	}
}

func TestDecide(t *testing.T) {
	editHint(t)
	getPost := []string{"GET", "POST"}
	const getPostAllow = "GET, HEAD, POST, OPTIONS"
	tests := []struct {
		name    string
		methods []string
		method  string
		want    Decision
	}{
		{"GET runs GET", getPost, "GET", Decision{Run: "GET"}},
		{"POST runs POST", getPost, "POST", Decision{Run: "POST"}},
		{"HEAD runs GET without a body", getPost, "HEAD", Decision{Run: "GET", OmitBody: true}},
		{"an own HEAD handler wins, still without a body", []string{"GET", "HEAD"}, "HEAD", Decision{Run: "HEAD", OmitBody: true}},
		{"HEAD without GET is not allowed", []string{"POST"}, "HEAD", Decision{Status: 405, Allow: "POST, OPTIONS"}},
		{"OPTIONS is answered with Allow", getPost, "OPTIONS", Decision{Status: 204, Allow: getPostAllow}},
		{"an own OPTIONS handler wins", []string{"GET", "OPTIONS"}, "OPTIONS", Decision{Run: "OPTIONS"}},
		{"OPTIONS on a resource with no handlers", nil, "OPTIONS", Decision{Status: 204, Allow: "OPTIONS"}},
		{"PUT is a known method, not allowed here", getPost, "PUT", Decision{Status: 405, Allow: getPostAllow}},
		{"PATCH is not allowed here", getPost, "PATCH", Decision{Status: 405, Allow: getPostAllow}},
		{"DELETE is not allowed here", getPost, "DELETE", Decision{Status: 405, Allow: getPostAllow}},
		{"TRACE is not allowed here", getPost, "TRACE", Decision{Status: 405, Allow: getPostAllow}},
		{"CONNECT is not allowed here", getPost, "CONNECT", Decision{Status: 405, Allow: getPostAllow}},
		{"GET on a resource with no handlers", nil, "GET", Decision{Status: 405, Allow: "OPTIONS"}},
		{"an extension method the resource serves", []string{"PROPFIND"}, "PROPFIND", Decision{Run: "PROPFIND"}},
		{"an unknown method is not implemented", getPost, "BREW", Decision{Status: 501}},
		{"lowercase get is an unknown method", getPost, "get", Decision{Status: 501}},
		{"an empty method is malformed", getPost, "", Decision{Status: 400}},
		{"a method with a space is malformed", getPost, "GE T", Decision{Status: 400}},
		{"a method with CRLF is malformed", getPost, "GET\r\n", Decision{Status: 400}},
		{"a method with a colon is malformed", getPost, "GET:", Decision{Status: 400}},
		{"a method with a bad first character is malformed", getPost, " GET", Decision{Status: 400}},
		{"a method with a non-ASCII byte is malformed", getPost, "GÉT", Decision{Status: 400}},
		{"digits and symbols make a valid extension method", []string{"M-SEARCH09"}, "M-SEARCH09", Decision{Run: "M-SEARCH09"}},
		{"an unknown token of every letter range is not implemented", getPost, "azAZ09~", Decision{Status: 501}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Decide(tc.methods, tc.method); got != tc.want {
				t.Errorf("Decide(%q, %q) = %+v, want %+v", tc.methods, tc.method, got, tc.want)
			}
		})
	}
}
