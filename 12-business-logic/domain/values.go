package domain

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"workbook/serve/slug"
)

// Value objects. Each is a struct with an unexported field, so the only way
// to get a non-zero one is its constructor, which enforces the rules: once
// you hold a Slug, it is valid — no function taking a Slug re-checks it. The
// zero value is the one invalid value, and IsZero detects it (a forgotten
// field in a struct literal), so constructors taking value objects reject it.

// Slug identifies an article in URLs: 1–64 characters of a-z and 0-9 in
// groups joined by single hyphens ("why-postgres").
type Slug struct{ s string }

// maxSlug is slug.MaxLen, so every slug SlugFromTitle makes is valid.
const maxSlug = slug.MaxLen

// NewSlug validates s as a Slug. A valid slug is a fixed point of the
// workbook's slugify: lowercase ASCII letters and digits in groups joined by
// single hyphens, at most maxSlug bytes, is exactly what slug.Make leaves
// unchanged ("Hello" becomes "hello", "a--b" becomes "a-b", "é" becomes
// "e"), so one rule serves both SlugFromTitle and NewSlug. (Exercise
// 1-value-objects writes the same rule out by hand.)
func NewSlug(s string) (Slug, error) {
	if s == "" || slug.Make(s) != s {
		return Slug{}, Errorf(EINVALID, "slug %q must be 1-%d characters of a-z and 0-9 joined by single hyphens", s, maxSlug)
	}
	return Slug{s}, nil
}

// SlugFromTitle derives a Slug from a title with the workbook's shared
// slugify, workbook/serve/slug (taught in chapter 06): "Crème Brûlée!" →
// "creme-brulee". A title with no ASCII letter or digit has no slug, and
// SlugFromTitle says so rather than invent one.
func SlugFromTitle(t Title) (Slug, error) {
	s := slug.Make(t.String())
	if s == "" {
		return Slug{}, Errorf(EINVALID, "title must contain a letter or digit")
	}
	return NewSlug(s)
}

func (s Slug) String() string { return s.s }

// IsZero reports whether s is the zero (invalid) Slug.
func (s Slug) IsZero() bool { return s.s == "" }

// Title is an article title: 1–120 characters after trimming, no control characters.
type Title struct{ s string }

const maxTitle = 120

// NewTitle trims s and validates it as a Title.
func NewTitle(s string) (Title, error) {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return Title{}, Errorf(EINVALID, "title is required")
	case n > maxTitle:
		return Title{}, Errorf(EINVALID, "title is %d characters, the limit is %d", n, maxTitle)
	case !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0:
		return Title{}, Errorf(EINVALID, "title must be printable text")
	}
	return Title{s}, nil
}

func (t Title) String() string { return t.s }

// IsZero reports whether t is the zero (invalid) Title.
func (t Title) IsZero() bool { return t.s == "" }

// Body is an article's text: up to 20,000 characters (it may be empty while a draft).
type Body struct{ s string }

const maxBody = 20000

// NewBody validates s as a Body.
func NewBody(s string) (Body, error) {
	if n := utf8.RuneCountInString(s); n > maxBody {
		return Body{}, Errorf(EINVALID, "body is %d characters, the limit is %d", n, maxBody)
	}
	if !utf8.ValidString(s) {
		return Body{}, Errorf(EINVALID, "body must be valid UTF-8")
	}
	return Body{s}, nil
}

func (b Body) String() string { return b.s }

// Words counts the words of the body (for the "ready for review" rule).
func (b Body) Words() int { return len(strings.Fields(b.s)) }

// UserID names a user: 1–32 characters of a-z, 0-9 and _.
type UserID struct{ s string }

var userRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// NewUserID validates s as a UserID.
func NewUserID(s string) (UserID, error) {
	if !userRE.MatchString(s) {
		return UserID{}, Errorf(EINVALID, "user %q must be 1-32 characters of a-z, 0-9 and _", s)
	}
	return UserID{s}, nil
}

func (u UserID) String() string { return u.s }

// IsZero reports whether u is the zero (invalid) UserID.
func (u UserID) IsZero() bool { return u.s == "" }

// Role is what a user may do in the workflow.
type Role string

const (
	RoleAuthor Role = "author" // writes and submits their own articles
	RoleEditor Role = "editor" // reviews: approves, rejects, archives
)

// ParseRole validates s as a Role.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleAuthor, RoleEditor:
		return r, nil
	}
	return "", Errorf(EINVALID, "role %q must be author or editor", s)
}

// Actor is who is acting: a user and the role they act in.
type Actor struct {
	ID   UserID
	Role Role
}

// NewActor validates both parts of an Actor.
func NewActor(id, role string) (Actor, error) {
	uid, err := NewUserID(id)
	if err != nil {
		return Actor{}, err
	}
	r, err := ParseRole(role)
	if err != nil {
		return Actor{}, err
	}
	return Actor{ID: uid, Role: r}, nil
}

// IsZero reports whether a was never set.
func (a Actor) IsZero() bool { return a.ID.IsZero() || a.Role == "" }

// Email is an address notifications go to: local@domain, at most 254
// characters, the domain lowercased (it is case-insensitive; the local part
// is left as given, since only the receiving server may interpret it).
type Email struct{ s string }

// emailDomainRE is a host name of at least two labels (letters, digits and
// inner hyphens, 1-63 each) ending in an alphabetic top-level domain.
var emailDomainRE = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// NewEmail trims s and validates it as an Email. The address syntax of RFC
// 5322 (dot-atoms, no leading, trailing or doubled dot) is net/mail's job;
// the domain rule on top is the workbook's: a real host name, not a bare
// "localhost". A display name ("Ada <ada@example.com>") or a quoted local
// part is refused: what net/mail parses must be s itself. (Exercise
// 1-value-objects writes the whole rule out by hand.)
func NewEmail(s string) (Email, error) {
	s = strings.TrimSpace(s)
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s || len(s) > 254 {
		return Email{}, Errorf(EINVALID, "email %q is not an address like ada@example.com", s)
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], strings.ToLower(s[at+1:])
	if len(local) > 64 || !emailDomainRE.MatchString(domain) {
		return Email{}, Errorf(EINVALID, "email %q is not an address like ada@example.com", s)
	}
	return Email{local + "@" + domain}, nil
}

func (e Email) String() string { return e.s }

// IsZero reports whether e is the zero (invalid) Email.
func (e Email) IsZero() bool { return e.s == "" }
