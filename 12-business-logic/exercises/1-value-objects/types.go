// Package valueobjects is exercise 1 of chapter 12: value objects whose
// constructors enforce their rules, so that holding one means it is valid.
package valueobjects

import "errors"

var (
	// ErrInvalidSlug is returned (wrapped or not) by NewSlug for bad input.
	ErrInvalidSlug = errors.New("invalid slug")
	// ErrInvalidEmail is returned (wrapped or not) by NewEmail for bad input.
	ErrInvalidEmail = errors.New("invalid email")
	// ErrZeroValue is returned by NewSubscription when given a zero value object.
	ErrZeroValue = errors.New("zero value object")
)

// Slug is a URL-safe identifier. The field is unexported, so outside this
// package the only way to make a non-zero Slug is NewSlug.
type Slug struct{ s string }

// String returns the slug text.
func (s Slug) String() string { return s.s }

// IsZero reports whether s is the zero Slug, which is never valid.
func (s Slug) IsZero() bool { return s.s == "" }

// Email is an email address, normalized.
type Email struct{ s string }

// String returns the address.
func (e Email) String() string { return e.s }

// IsZero reports whether e is the zero Email, which is never valid.
func (e Email) IsZero() bool { return e.s == "" }

// Subscription says that Email wants news about the tag Topic.
type Subscription struct {
	Email Email
	Topic Slug
}
