//go:build solution

package pkce

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
)

// NewVerifier returns 32 random bytes, base64url-encoded: 43 characters,
// 256 bits of entropy (RFC 7636 §4.1 recommends exactly this).
func NewVerifier() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// ChallengeS256 returns BASE64URL-ENCODE(SHA256(ASCII(verifier))).
func ChallengeS256(verifier string) (string, error) {
	if !valid(verifier) {
		return "", ErrInvalidVerifier
	}
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:]), nil
}

// Verify recomputes the challenge and compares in constant time.
func Verify(verifier, challenge, method string) bool {
	if method != "S256" {
		return false
	}
	want, err := ChallengeS256(verifier)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}

func valid(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
		default:
			return false
		}
	}
	return true
}
