//go:build solution

package jwtverify

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

type tokenClaims struct {
	Scope string `json:"scope,omitempty"`
	jwt.RegisteredClaims
}

// Verify lets golang-jwt check the signature with the pinned algorithm,
// then checks the claims itself so each failure maps to one error.
func (v *Verifier) Verify(token string) (*Claims, error) {
	var c tokenClaims
	tok, err := jwt.ParseWithClaims(token, &c,
		func(t *jwt.Token) (any, error) { return v.Key, nil },
		// The allow-list is the defence against "alg":"none" and against
		// HS256 tokens "signed" with a public key that an RS256 verifier
		// would otherwise feed to HMAC as a secret.
		jwt.WithValidMethods([]string{v.Algorithm}),
		jwt.WithoutClaimsValidation(),
	)
	if err != nil {
		switch {
		case errors.Is(err, jwt.ErrTokenMalformed):
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		case tok == nil || tok.Method == nil || tok.Method.Alg() != v.Algorithm:
			return nil, fmt.Errorf("%w: %v", ErrAlgorithm, err)
		default:
			return nil, fmt.Errorf("%w: %v", ErrSignature, err)
		}
	}

	now := time.Now()
	if v.Now != nil {
		now = v.Now()
	}
	switch {
	case c.ExpiresAt == nil:
		return nil, ErrMissingExp
	case !now.Before(c.ExpiresAt.Add(v.Leeway)):
		return nil, ErrExpired
	case c.NotBefore != nil && now.Add(v.Leeway).Before(c.NotBefore.Time):
		return nil, ErrNotYetValid
	case c.Issuer != v.Issuer:
		return nil, ErrIssuer
	case !slices.Contains(c.Audience, v.Audience):
		return nil, ErrAudience
	}
	out := &Claims{
		Subject: c.Subject, Issuer: c.Issuer, Audience: c.Audience,
		ExpiresAt: c.ExpiresAt.Time, Scope: c.Scope,
	}
	if c.NotBefore != nil {
		out.NotBefore = c.NotBefore.Time
	}
	return out, nil
}
