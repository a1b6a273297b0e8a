// Package jwtverify verifies JSON Web Tokens the way a resource server
// must: the algorithm is fixed by configuration, never by the token, and
// the registered claims exp, nbf, iss and aud are all checked.
package jwtverify

import (
	"errors"
	"time"
)

// Verifier accepts tokens signed with exactly one algorithm and key.
type Verifier struct {
	Algorithm string        // "RS256", "ES256" or "HS256": the only algorithm accepted
	Key       any           // *rsa.PublicKey, *ecdsa.PublicKey or []byte, matching Algorithm
	Issuer    string        // required value of "iss"
	Audience  string        // must be one of the values of "aud"
	Leeway    time.Duration // clock skew tolerated on exp and nbf
	Now       func() time.Time
}

// Claims are the verified contents of a token.
type Claims struct {
	Subject   string
	Issuer    string
	Audience  []string
	ExpiresAt time.Time
	NotBefore time.Time // zero when the token has no nbf
	Scope     string
}

// Errors returned by Verify. Each rejection wraps exactly one of them.
var (
	ErrMalformed   = errors.New("jwtverify: malformed token")
	ErrAlgorithm   = errors.New("jwtverify: unexpected signing algorithm")
	ErrSignature   = errors.New("jwtverify: invalid signature")
	ErrMissingExp  = errors.New("jwtverify: token has no exp claim")
	ErrExpired     = errors.New("jwtverify: token has expired")
	ErrNotYetValid = errors.New("jwtverify: token is not valid yet")
	ErrIssuer      = errors.New("jwtverify: wrong issuer")
	ErrAudience    = errors.New("jwtverify: wrong audience")
)
