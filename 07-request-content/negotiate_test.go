package main

import (
	"net/http"
	"strings"
	"testing"
)

// RFC 9110 §12.5.1's example, with erratum 7138 (text/html;level=3 is 0.3):
// offered in pairs, the type with the higher q in the RFC's table wins even
// when it is our second choice, so the library ranks them as the table does.
func TestNegotiateRFC9110Example(t *testing.T) {
	const accept = "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5"
	// Each type, with its q: 1, 0.7, 0.5, 0.4, 0.3.
	ranked := []string{"text/plain;format=flowed", "text/plain", "image/jpeg", "text/plain;format=fixed", "text/html;level=3"}
	for i := 1; i < len(ranked); i++ {
		better, worse := ranked[i-1], ranked[i]
		t.Run(better+" over "+worse, func(t *testing.T) {
			if got, ok := negotiate(accept, []string{worse, better}); !ok || got != better {
				t.Errorf("negotiate(RFC example, [%s %s]) = %q, %v, want %q", worse, better, got, ok, better)
			}
		})
	}
	// text/html and text/html;level=3 both get 0.3 from text/*: a tie, so our order.
	for _, offers := range [][]string{{"text/html", "text/html;level=3"}, {"text/html;level=3", "text/html"}} {
		if got, ok := negotiate(accept, offers); !ok || got != offers[0] {
			t.Errorf("negotiate(RFC example, %q) = %q, %v, want %q", offers, got, ok, offers[0])
		}
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		accept string
		want   string // "" = 406
	}{
		{"", "application/json"},
		{"*/*", "application/json"},
		{"application/xml", "application/xml"},
		{"text/*", "text/plain"},
		{"TEXT/PLAIN", "text/plain"},
		{"application/*;q=0.5, text/plain", "text/plain"},
		{"application/json;q=0, */*", "application/xml"},
		{"*/*;q=0", ""},
		{"image/png", ""},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"}, // a browser
		{"application/xml;q=0.5, application/json;q=0.5", "application/xml"},                   // tie: the client's order
		{"*/*;q=0.5", "application/json"},                                                      // tie on one range: our order
		{"application/json;q=2, text/plain", "text/plain"},                                     // invalid q ignored
		{"garbage, text/plain;q=0.1", "text/plain"},
		{"text/plain;q=0.5, , image/png,", "text/plain"}, // empty list elements are allowed
		{"garbage", ""},
	}
	for _, tc := range tests {
		t.Run(tc.accept, func(t *testing.T) {
			got, ok := negotiate(tc.accept, offers)
			if (tc.want == "" && ok) || (tc.want != "" && got != tc.want) {
				t.Errorf("negotiate(%q) = %q, %v, want %q", tc.accept, got, ok, tc.want)
			}
		})
	}
}

func TestResponsesFollowAccept(t *testing.T) {
	s, _ := newTestServer(t)
	tests := []struct {
		accept     string
		wantStatus int
		wantType   string
		wantPrefix string
	}{
		{"", http.StatusOK, "application/json; charset=utf-8", "{"},
		{"application/xml", http.StatusOK, "application/xml; charset=utf-8", "<?xml"},
		{"text/plain", http.StatusOK, "text/plain; charset=utf-8", ""},
		{"image/png", http.StatusNotAcceptable, "application/problem+json", `{
  "type": "about:blank",
  "title": "Not Acceptable"`},
	}
	for _, tc := range tests {
		t.Run(tc.accept, func(t *testing.T) {
			rec := request{method: http.MethodGet, path: "/articles", headers: map[string]string{"Accept": tc.accept}}.do(t, s)
			if rec.Code != tc.wantStatus || rec.Header().Get("Content-Type") != tc.wantType ||
				!strings.HasPrefix(rec.Body.String(), tc.wantPrefix) {
				t.Errorf("GET /articles Accept %q = %d %q %q, want %d %q starting %q",
					tc.accept, rec.Code, rec.Header().Get("Content-Type"), rec.Body, tc.wantStatus, tc.wantType, tc.wantPrefix)
			}
			if rec.Header().Get("Vary") != "Accept" {
				t.Errorf("GET /articles Accept %q has Vary %q, want Accept", tc.accept, rec.Header().Get("Vary"))
			}
		})
	}
}

func TestNotAcceptableIsCheckedBeforeTheBodyIsUsed(t *testing.T) {
	s, _ := newTestServer(t)
	rec := request{path: "/articles", headers: map[string]string{"Content-Type": "application/json", "Accept": "image/png"},
		body: []byte(`{"title":"t","body":"b"}`)}.do(t, s)
	if rec.Code != http.StatusNotAcceptable {
		t.Fatalf("POST /articles Accept image/png = %d, want 406", rec.Code)
	}
	if len(s.articles) != 0 {
		t.Errorf("a 406 request stored %d articles, want 0", len(s.articles))
	}
}
