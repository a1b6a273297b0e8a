//go:build !solution

// Package secrettype is exercise 3 of chapter 18: a Secret that cannot
// leak through fmt, log/slog or encoding/json.
package secrettype

// Secret holds a password or token. not implemented: edit exercises/3-secret-type/secret.go
type Secret struct {
	value string
}

// New returns a Secret holding s; New("") is unset.
func New(s string) Secret { return Secret{value: s} }

// Reveal returns the text, for the one place that uses it.
func (s Secret) Reveal() string { return "" }

// IsSet reports whether the Secret holds any text.
func (s Secret) IsSet() bool { return false }

// Equal reports, in constant time, whether s and t hold the same text;
// false when either is unset.
func (s Secret) Equal(t Secret) bool { return false }

// String is for code that asks for a Stringer: it must never return the text.
func (s Secret) String() string { return "" }
