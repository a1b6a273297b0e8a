//go:build solution

// Package secrettype is exercise 3 of chapter 18: a Secret that cannot
// leak through fmt, log/slog or encoding/json.
package secrettype

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
)

const redacted = "[REDACTED]"

// Secret holds a password or token. The text sits behind a pointer, so
// that even where fmt cannot call Secret's methods (an unexported field of
// another struct) it prints an address, never the text.
type Secret struct {
	p *string
}

// New returns a Secret holding s; New("") is unset.
func New(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{p: &s}
}

// Reveal returns the text, for the one place that uses it.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsSet reports whether the Secret holds any text.
func (s Secret) IsSet() bool { return s.p != nil }

// Equal reports, in constant time, whether s and t hold the same text;
// false when either is unset, so an empty token never matches an unset key.
func (s Secret) Equal(t Secret) bool {
	if !s.IsSet() || !t.IsSet() {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(s.Reveal()), []byte(t.Reveal())) == 1
}

// String is for code that asks for a Stringer.
func (Secret) String() string { return redacted }

// Format answers every fmt verb and flag; fmt prefers it to String and
// GoString, so %d, %x and %#v cannot fall through to the struct.
func (Secret) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", redacted)
		return
	}
	_, _ = io.WriteString(f, redacted)
}

// LogValue makes every slog handler see a string, whatever it does with
// other values.
func (Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON has a value receiver: encoding/json calls a pointer
// receiver's method only for addressable values, not for a Secret field of
// a struct passed by value or a map's value.
func (Secret) MarshalJSON() ([]byte, error) { return json.Marshal(redacted) }

// UnmarshalJSON reads a JSON string, so a config file can hold the Secret.
func (s *Secret) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return errors.New("secret: want a JSON string")
	}
	*s = New(v)
	return nil
}
