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
	good, err := tokens.Issue(42, "gen-1")
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.RegisteredClaims{Issuer: issuer, Subject: "42", ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}
	sign := func(m jwt.SigningMethod, key any, c jwt.Claims) string {
		tok := jwt.NewWithClaims(m, c)
		if k, ok := key.([]byte); ok {
			tok.Header["kid"] = keyID(k)
		}
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	noKid, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(secret)
	if err != nil {
		t.Fatal(err)
	}
	old := []byte("the-secret-before-the-rotation-x")
	rotated := &Tokens{Secret: secret, Previous: [][]byte{old}, TTL: time.Hour, Now: tokens.Now}
	fromOld, err := (&Tokens{Secret: old, TTL: time.Hour, Now: tokens.Now}).Issue(42, "gen-1")
	if err != nil {
		t.Fatal(err)
	}
	if id, gen, err := rotated.Verify(fromOld); err != nil || id != 42 || gen != "gen-1" {
		t.Errorf("a token of the previous secret, during the rotation = %d, %q, %v; want 42, gen-1, nil", id, gen, err)
	}
	if _, _, err := tokens.Verify(fromOld); err == nil {
		t.Error("a token of a secret that is neither current nor previous verified")
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
		{"no kid", noKid, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, gen, err := tokens.Verify(tc.token)
			if tc.ok && (err != nil || id != 42 || gen != "gen-1") {
				t.Errorf("Verify(%s) = %d, %q, %v; want 42, gen-1, nil", tc.name, id, gen, err)
			}
			if !tc.ok && err == nil {
				t.Errorf("Verify(%s) = %d, nil; want an error", tc.name, id)
			}
		})
	}
}
