package httpapi

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestTokens(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	secret := []byte("0123456789abcdef0123456789abcdef")
	tokens := &Tokens{Secret: secret, TTL: time.Hour, Now: func() time.Time { return now }}
	good, err := tokens.Issue(42)
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.RegisteredClaims{Issuer: issuer, Subject: "42", ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}
	sign := func(m jwt.SigningMethod, key any, c jwt.Claims) string {
		s, err := jwt.NewWithClaims(m, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name  string
		token string
		ok    bool
	}{
		{"issued token", good, true},
		{"other secret", sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-xx"), claims), false},
		{"HS512 with the right secret", sign(jwt.SigningMethodHS512, secret, claims), false},
		{"alg none", sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims), false},
		{"expired", sign(jwt.SigningMethodHS256, secret, jwt.RegisteredClaims{Issuer: issuer, Subject: "42", ExpiresAt: jwt.NewNumericDate(now.Add(-time.Second))}), false},
		{"no expiry", sign(jwt.SigningMethodHS256, secret, jwt.RegisteredClaims{Issuer: issuer, Subject: "42"}), false},
		{"other issuer", sign(jwt.SigningMethodHS256, secret, jwt.RegisteredClaims{Issuer: "x", Subject: "42", ExpiresAt: claims.ExpiresAt}), false},
		{"bad subject", sign(jwt.SigningMethodHS256, secret, jwt.RegisteredClaims{Issuer: issuer, Subject: "jake", ExpiresAt: claims.ExpiresAt}), false},
		{"garbage", "a.b.c", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := tokens.Verify(tc.token)
			if tc.ok && (err != nil || id != 42) {
				t.Errorf("Verify(%s) = %d, %v; want 42, nil", tc.name, id, err)
			}
			if !tc.ok && err == nil {
				t.Errorf("Verify(%s) = %d, nil; want an error", tc.name, id)
			}
		})
	}
}
