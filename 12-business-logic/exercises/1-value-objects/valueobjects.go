//go:build !solution

package valueobjects

import "errors"

var errNotImplemented = errors.New("not implemented: edit exercises/1-value-objects/valueobjects.go")

// NewSlug returns s as a Slug if it is 1-64 characters of a-z and 0-9 in
// groups joined by single hyphens ("go-1-25"), and an error wrapping
// ErrInvalidSlug otherwise. It does not change its input.
func NewSlug(s string) (Slug, error) {
	return Slug{}, errNotImplemented
}

// NewEmail trims surrounding white space from s, lowercases the domain, and
// returns the result as an Email if it is valid (see the README for the
// rules); otherwise an error wrapping ErrInvalidEmail.
func NewEmail(s string) (Email, error) {
	return Email{}, errNotImplemented
}

// NewSubscription returns a Subscription, or an error wrapping ErrZeroValue
// when either value object is the zero value (someone skipped a constructor).
func NewSubscription(email Email, topic Slug) (Subscription, error) {
	return Subscription{}, errNotImplemented
}
