package domain

import (
	"strings"
	"testing"
)

func TestNewSlug(t *testing.T) {
	valid := []string{"a", "hello-world", "go-1-25", strings.Repeat("a", 64)}
	invalid := []string{"", "Hello", "-a", "a-", "a--b", "a b", "é", strings.Repeat("a", 65), "a_b"}
	for _, s := range valid {
		if got, err := NewSlug(s); err != nil || got.String() != s || got.IsZero() {
			t.Errorf("NewSlug(%q) = %q, %v; want it accepted", s, got, err)
		}
	}
	for _, s := range invalid {
		if _, err := NewSlug(s); ErrorCode(err) != EINVALID {
			t.Errorf("NewSlug(%q) error = %v, want EINVALID", s, err)
		}
	}
}

func TestSlugFromTitle(t *testing.T) {
	tests := map[string]string{
		"Hello, World!":           "hello-world",
		"  Go 1.25 is out  ":      "go-1-25-is-out",
		"Ünïcode":                 "unicode",
		"Crème Brûlée":            "creme-brulee",
		"Straße":                  "strasse",
		strings.Repeat("ab ", 40): strings.TrimRight(strings.Repeat("ab-", 22), "-")[:62],
	}
	for in, want := range tests {
		title, err := NewTitle(in)
		if err != nil {
			t.Fatalf("NewTitle(%q): %v", in, err)
		}
		if got, err := SlugFromTitle(title); err != nil || got.String() != want {
			t.Errorf("SlugFromTitle(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"!!!", "日本語"} {
		title, _ := NewTitle(in)
		if _, err := SlugFromTitle(title); ErrorCode(err) != EINVALID || err.Error() != "title must contain a letter or digit" {
			t.Errorf("SlugFromTitle(%q) error = %v, want EINVALID: title must contain a letter or digit", in, err)
		}
	}
}

func TestNewEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ada@example.com", "ada@example.com"},
		{"  Ada.Lovelace+news@Example.COM ", "Ada.Lovelace+news@example.com"},
		{"o'brien@mail.example.ie", "o'brien@mail.example.ie"},
	}
	for _, tc := range tests {
		if got, err := NewEmail(tc.in); err != nil || got.String() != tc.want {
			t.Errorf("NewEmail(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "ada@@example.com",
		".ada@example.com", "ada.@example.com", "a..b@example.com", "ada@-example.com", "ada@example.c",
		strings.Repeat("a", 65) + "@example.com", "ada@" + strings.Repeat("a", 250) + ".com"} {
		if _, err := NewEmail(in); ErrorCode(err) != EINVALID {
			t.Errorf("NewEmail(%q) error = %v, want EINVALID", in, err)
		}
	}
}

func TestNewTitleAndBody(t *testing.T) {
	for _, in := range []string{"", "   ", strings.Repeat("x", 121), "bell\a"} {
		if _, err := NewTitle(in); ErrorCode(err) != EINVALID {
			t.Errorf("NewTitle(%q) error = %v, want EINVALID", in, err)
		}
	}
	if got, err := NewTitle("  Fine  "); err != nil || got.String() != "Fine" {
		t.Errorf("NewTitle(%q) = %q, %v; want %q", "  Fine  ", got, err, "Fine")
	}
	if _, err := NewBody(strings.Repeat("x", 20001)); ErrorCode(err) != EINVALID {
		t.Errorf("NewBody(20001 chars) error = %v, want EINVALID", err)
	}
}

func TestZeroValuesAreDetected(t *testing.T) {
	var (
		s Slug
		e Email
		u UserID
		a Actor
	)
	if !s.IsZero() || !e.IsZero() || !u.IsZero() || !a.IsZero() {
		t.Errorf("zero values report IsZero = %t %t %t %t, want all true", s.IsZero(), e.IsZero(), u.IsZero(), a.IsZero())
	}
	title, _ := NewTitle("Title")
	email, _ := NewEmail("ada@example.com")
	author, _ := NewActor("ada", "author")
	cases := map[string]func() (*Article, error){
		"zero actor": func() (*Article, error) { return NewArticle(Actor{}, email, title, Body{}, t0) },
		"zero email": func() (*Article, error) { return NewArticle(author, Email{}, title, Body{}, t0) },
		"zero title": func() (*Article, error) { return NewArticle(author, email, Title{}, Body{}, t0) },
	}
	for name, f := range cases {
		if _, err := f(); err == nil {
			t.Errorf("NewArticle with a %s succeeded, want an error", name)
		}
	}
}
