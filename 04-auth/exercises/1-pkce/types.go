// Package pkce implements Proof Key for Code Exchange (RFC 7636), the
// S256 method: how a public OAuth client proves that the app redeeming an
// authorization code is the app that asked for it.
package pkce

import "errors"

// ErrInvalidVerifier is returned for a code verifier that breaks RFC 7636 §4.1.
var ErrInvalidVerifier = errors.New("pkce: code verifier must be 43-128 characters of [A-Za-z0-9-._~]")
