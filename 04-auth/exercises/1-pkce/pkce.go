//go:build !solution

package pkce

import "errors"

var errNotImplemented = errors.New("not implemented: edit exercises/1-pkce/pkce.go")

// NewVerifier returns a fresh, unguessable code verifier (RFC 7636 §4.1).
func NewVerifier() (string, error) {
	return "", errNotImplemented
}

// ChallengeS256 returns BASE64URL-ENCODE(SHA256(ASCII(verifier))) without
// padding, or ErrInvalidVerifier when verifier is not a valid verifier.
func ChallengeS256(verifier string) (string, error) {
	return "", errNotImplemented
}

// Verify reports whether verifier matches challenge under method. Only
// "S256" is accepted; "plain" and anything else are refused.
func Verify(verifier, challenge, method string) bool {
	return false
}
