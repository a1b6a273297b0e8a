package bookmark

import (
	"errors"
	"strings"
	"testing"
)

// A table-driven unit test: each row is one case, named so that a failure
// reads as a sentence, and adding a case is one line.
func TestNormalizeURL(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{"already canonical", "https://go.dev/doc/", "https://go.dev/doc/", false},
		{"scheme and host lower-cased", "HTTPS://Go.DEV/Doc", "https://go.dev/Doc", false},
		{"empty path becomes /", "https://go.dev", "https://go.dev/", false},
		{"default https port dropped", "https://go.dev:443/x", "https://go.dev/x", false},
		{"default http port dropped", "http://go.dev:80/x", "http://go.dev/x", false},
		{"other port kept", "http://localhost:8026/x", "http://localhost:8026/x", false},
		{"https on 80 keeps the port", "https://go.dev:80/", "https://go.dev:80/", false},
		{"fragment dropped", "https://go.dev/doc#top", "https://go.dev/doc", false},
		{"query kept", "https://go.dev/search?q=fuzz", "https://go.dev/search?q=fuzz", false},
		{"IPv6 literal keeps brackets", "http://[::1]:8026/", "http://[::1]:8026/", false},
		{"empty", "", "", true},
		{"relative", "/doc", "", true},
		{"other scheme", "ftp://go.dev/", "", true},
		{"opaque", "mailto:gopher@go.dev", "", true},
		{"user info", "https://alice:secret@go.dev/", "", true},
		{"no host", "https:///doc", "", true},
		{"unparsable", "https://go.dev/%zz", "", true},
		{"too long", "https://go.dev/" + strings.Repeat("a", MaxURL), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeURL(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("NormalizeURL(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	ok := "https://go.dev/"
	tests := []struct {
		name       string
		in         NewBookmark
		wantFields []string // the invalid fields, in order; nil: valid
	}{
		{"valid", NewBookmark{URL: ok, Title: "Go"}, nil},
		{"title at the limit", NewBookmark{URL: ok, Title: strings.Repeat("é", MaxTitle)}, nil},
		{"title over the limit", NewBookmark{URL: ok, Title: strings.Repeat("é", MaxTitle+1)}, []string{"title"}},
		{"blank title", NewBookmark{URL: ok, Title: "  \t"}, []string{"title"}},
		{"title not UTF-8", NewBookmark{URL: ok, Title: "caf\xc3"}, []string{"title"}},
		{"bad URL", NewBookmark{URL: "go.dev", Title: "Go"}, []string{"url"}},
		{"every field at once", NewBookmark{}, []string{"url", "title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.in)
			var got []string
			var verr ValidationError
			if errors.As(err, &verr) {
				for _, f := range verr {
					got = append(got, f.Field)
				}
			} else if err != nil {
				t.Fatalf("Validate(%+v) = %v, want a ValidationError", tt.in, err)
			}
			if strings.Join(got, ",") != strings.Join(tt.wantFields, ",") {
				t.Errorf("Validate(%+v) flagged %v, want %v", tt.in, got, tt.wantFields)
			}
		})
	}
}

// FuzzNormalizeURL checks properties no table can enumerate: for any input,
// NormalizeURL does not panic, its output is accepted again unchanged
// (idempotence), and it never returns more than MaxURL bytes. The seed
// corpus is testdata/fuzz/FuzzNormalizeURL plus the f.Add lines; `go test`
// runs the seeds as ordinary cases, `go test -fuzz` mutates them.
func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{"https://go.dev", "HTTP://Example.COM:80/a?b#c", "http://[::1]:443/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		once, err := NormalizeURL(raw)
		if err != nil {
			return // rejecting is allowed; panicking is not
		}
		if len(once) > MaxURL {
			t.Fatalf("NormalizeURL(%q) returned %d bytes, more than MaxURL", raw, len(once))
		}
		twice, err := NormalizeURL(once)
		if err != nil || twice != once {
			t.Fatalf("NormalizeURL is not idempotent: %q → %q → %q, %v", raw, once, twice, err)
		}
	})
}
