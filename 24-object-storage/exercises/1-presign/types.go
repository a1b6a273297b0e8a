// Package presign is exercise 1 of chapter 24: sign and verify pre-signed
// URLs — a URL that carries its own permission until it expires.
package presign

import (
	"errors"
	"time"
)

// Signer signs URLs with Key and tells the time with Now (tests pass a
// fake clock).
type Signer struct {
	Key []byte
	Now func() time.Time
}

// The query parameters a signed URL carries.
const (
	ParamExpires   = "X-Expires"   // Unix seconds; the URL is refused from then on
	ParamSignature = "X-Signature" // lowercase hex HMAC-SHA256 of the canonical request
)

// MaxTTL is the longest a URL may live (the same 7 days as S3 SigV4).
const MaxTTL = 7 * 24 * time.Hour

var (
	// ErrMalformed: the URL or the arguments cannot be signed or checked
	// (unparsable URL, ttl out of range, missing or repeated X-Expires or
	// X-Signature, a signature that is not hex, a URL already signed).
	ErrMalformed = errors.New("malformed signed URL")
	// ErrSignature: the signature does not match what was signed.
	ErrSignature = errors.New("signature mismatch")
	// ErrExpired: the signature matches but the URL has expired.
	ErrExpired = errors.New("signed URL expired")
)
