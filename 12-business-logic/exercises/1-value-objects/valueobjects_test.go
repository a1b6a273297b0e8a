package valueobjects

import (
	"errors"
	"strings"
	"testing"
)

func TestNewSlugAccepts(t *testing.T) {
	for _, s := range []string{"a", "go", "hello-world", "go-1-25", "0", strings.Repeat("a", 64), "a-b-c-d"} {
		got, err := NewSlug(s)
		if err != nil || got.String() != s || got.IsZero() {
			t.Errorf("NewSlug(%q) = %q, %v; want %q, nil", s, got, err, s)
		}
	}
}

func TestNewSlugRejects(t *testing.T) {
	for _, s := range []string{"", "Hello", "hello world", "-a", "a-", "a--b", "a_b", "é", "a/b", strings.Repeat("a", 65), " a"} {
		got, err := NewSlug(s)
		if !errors.Is(err, ErrInvalidSlug) {
			t.Errorf("NewSlug(%q) error = %v, want one wrapping ErrInvalidSlug", s, err)
		}
		if !got.IsZero() {
			t.Errorf("NewSlug(%q) = %q with an error, want the zero Slug", s, got)
		}
	}
}

func TestNewEmailAccepts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ada@example.com", "ada@example.com"},
		{"  ada@example.com\n", "ada@example.com"},
		{"Ada.Lovelace@EXAMPLE.Org", "Ada.Lovelace@example.org"},
		{"first+tag@mail.example.co.uk", "first+tag@mail.example.co.uk"},
		{"o'brien@example.ie", "o'brien@example.ie"},
		{"x@a-b.io", "x@a-b.io"},
		{strings.Repeat("a", 64) + "@example.com", strings.Repeat("a", 64) + "@example.com"},
	}
	for _, tc := range tests {
		got, err := NewEmail(tc.in)
		if err != nil || got.String() != tc.want {
			t.Errorf("NewEmail(%q) = %q, %v; want %q, nil", tc.in, got, err, tc.want)
		}
	}
}

func TestNewEmailRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "ada", "ada@", "@example.com", "ada@@example.com", "ada@exa@mple.com",
		"ada lovelace@example.com", ".ada@example.com", "ada.@example.com", "a..b@example.com",
		"ada@example", "ada@example.c", "ada@example.c0m", "ada@-example.com", "ada@example-.com", "ada@exa_mple.com",
		"ada@example..com", strings.Repeat("a", 65) + "@example.com",
		"ada@" + strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 60) + ".com",
	} {
		got, err := NewEmail(in)
		if !errors.Is(err, ErrInvalidEmail) {
			t.Errorf("NewEmail(%q) error = %v, want one wrapping ErrInvalidEmail", in, err)
		}
		if !got.IsZero() {
			t.Errorf("NewEmail(%q) = %q with an error, want the zero Email", in, got)
		}
	}
}

func TestNewSubscriptionRejectsZeroValues(t *testing.T) {
	email, err := NewEmail("ada@example.com")
	if err != nil {
		t.Fatalf("NewEmail: %v", err)
	}
	topic, err := NewSlug("postgres")
	if err != nil {
		t.Fatalf("NewSlug: %v", err)
	}
	if sub, err := NewSubscription(email, topic); err != nil || sub.Email != email || sub.Topic != topic {
		t.Errorf("NewSubscription(valid, valid) = %+v, %v; want both values kept", sub, err)
	}
	for name, call := range map[string]func() (Subscription, error){
		"zero email": func() (Subscription, error) { return NewSubscription(Email{}, topic) },
		"zero topic": func() (Subscription, error) { return NewSubscription(email, Slug{}) },
		"both zero":  func() (Subscription, error) { return NewSubscription(Email{}, Slug{}) },
	} {
		if _, err := call(); !errors.Is(err, ErrZeroValue) {
			t.Errorf("NewSubscription with %s: error = %v, want one wrapping ErrZeroValue", name, err)
		}
	}
}
