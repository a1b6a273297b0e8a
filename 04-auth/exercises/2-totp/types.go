// Package totp implements one-time passwords: HOTP (RFC 4226) and its
// time-based form TOTP (RFC 6238), the codes of authenticator apps.
package totp

import (
	"errors"
	"time"
)

// Algorithm is the HMAC hash function.
type Algorithm int

const (
	SHA1 Algorithm = iota // the default, and what most authenticator apps support
	SHA256
	SHA512
)

// Options configure TOTP. The zero value means 6 digits, a 30-second
// period, SHA1 and no skew: what authenticator apps use by default.
type Options struct {
	Digits    int           // 6 to 8; 0 means 6
	Period    time.Duration // the time step X; 0 means 30s; at least 1s
	Algorithm Algorithm
	Skew      int // Validate also accepts this many steps before and after now
}

// ErrInvalid is returned for an empty secret, digits outside 6–8, a period
// under one second, an unknown algorithm, or a time before the Unix epoch.
var ErrInvalid = errors.New("totp: invalid parameters")
