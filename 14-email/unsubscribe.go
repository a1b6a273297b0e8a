package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
)

// unsubscribeKeys signs the token in a List-Unsubscribe URL, so that the
// link unsubscribes exactly one address from one category and nobody can
// forge one for another address.
type unsubscribeKeys struct{ secret []byte }

// Token is base64url(address "\n" category) "." base64url(HMAC-SHA256).
func (k unsubscribeKeys) Token(addr, category string) string {
	payload := normalizeAddress(addr) + "\n" + category
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(k.mac(payload))
}

func (k unsubscribeKeys) mac(payload string) []byte {
	m := hmac.New(sha256.New, k.secret)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

var errBadToken = errors.New("the unsubscribe token is malformed or its signature does not match")

// Verify returns the address and category a token was made for.
func (k unsubscribeKeys) Verify(token string) (addr, category string, err error) {
	p64, s64, ok := strings.Cut(token, ".")
	if !ok {
		return "", "", errBadToken
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(p64)
	sig, err2 := base64.RawURLEncoding.DecodeString(s64)
	if err1 != nil || err2 != nil || !hmac.Equal(sig, k.mac(string(payload))) {
		return "", "", errBadToken
	}
	addr, category, ok = strings.Cut(string(payload), "\n")
	if !ok {
		return "", "", errBadToken
	}
	return addr, category, nil
}
