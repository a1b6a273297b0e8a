package valueobjects

import (
	"errors"
	"strings"
	"testing"
)

func TestNewSlugAccepts(t *testing.T) {
	for _, s := range []string{"a", "go", "hello-world", "go-1-25", "0", strings.Repeat("a", 64), "a-b-c-d", strings.Repeat("a-", 31) + "ab", "z9"} {
		got, err := NewSlug(s)
		if err != nil || got.String() != s || got.IsZero() {
			t.Errorf("NewSlug(%q) = %q, %v; want %q, nil", s, got, err, s)
		}
	}
}

func TestNewSlugRejects(t *testing.T) {
	for _, s := range []string{"", "Hello", "hello world", "-a", "a-", "a--b", "a_b", "é", "a/b", strings.Repeat("a", 65), strings.Repeat("a-", 32) + "a", " a", "a ", "-", "a\n"} {
		t.Run(s, func(t *testing.T) {
			got, err := NewSlug(s)
			if !errors.Is(err, ErrInvalidSlug) {
				t.Errorf("NewSlug(%q) = %q, %v; want one wrapping ErrInvalidSlug", s, got, err)
			}
			if !got.IsZero() {
				t.Errorf("NewSlug(%q) = %q with an error, want the zero Slug", s, got)
			}
		})
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
		{email254, email254},
		{"  " + email254 + "  ", email254}, // the limit applies after trimming
		{"x@" + strings.Repeat("d", 63) + ".io", "x@" + strings.Repeat("d", 63) + ".io"},
		{"x@a.b.c.io", "x@a.b.c.io"},
		{"x@1.io", "x@1.io"},
		{"a.b.c@example.com", "a.b.c@example.com"},
		{"!#$%&'*+/=?^_`{|}~-@example.com", "!#$%&'*+/=?^_`{|}~-@example.com"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := NewEmail(tc.in)
			if err != nil || got.String() != tc.want {
				t.Errorf("NewEmail(%q) = %q, %v; want %q, nil", tc.in, got, err, tc.want)
			}
		})
	}
}

// email254 is an address of exactly 254 characters: "a@" and a 252-character
// domain of labels no longer than 63.
var email254 = "a@" + strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 56) + ".com"

func TestNewEmailRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "ada", "ada@", "@example.com", "ada@@example.com", "ada@exa@mple.com",
		"ada lovelace@example.com", ".ada@example.com", "ada.@example.com", "a..b@example.com",
		"ada@example", "ada@example.c", "ada@example.c0m", "ada@-example.com", "ada@example-.com", "ada@exa_mple.com",
		"ada@example..com", strings.Repeat("a", 65) + "@example.com",
		"ada@" + strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 60) + ".com",
		"a@" + strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 57) + ".com", // 255
		"x@" + strings.Repeat("d", 64) + ".io", // a 64-character label
		"ada@.example.com", "ada@example.com.", "ada@example.", "ada@.com", "ada@example.-com", "ada@example.co-", "ada@exämple.com", "adä@example.com",
		"ada@[127.0.0.1]", "\"ada\"@example.com", "ada@example.com@",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := NewEmail(in)
			if !errors.Is(err, ErrInvalidEmail) {
				t.Errorf("NewEmail(%q) = %q, %v; want one wrapping ErrInvalidEmail", in, got, err)
			}
			if !got.IsZero() {
				t.Errorf("NewEmail(%q) = %q with an error, want the zero Email", in, got)
			}
		})
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
		if sub, err := call(); !errors.Is(err, ErrZeroValue) || sub != (Subscription{}) {
			t.Errorf("NewSubscription with %s = %+v, %v; want the zero Subscription and an error wrapping ErrZeroValue", name, sub, err)
		}
	}
}
