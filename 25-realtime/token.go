package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// tokens issues and checks the chat's bearer tokens:
// "name.expiry.signature", the signature an HMAC-SHA256 of "name.expiry"
// under the server's secret. Instances that share the secret accept each
// other's tokens. Chapter 04 is the lesson on tokens; here what matters is
// that the upgrade checks one before it upgrades.
type tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
}

// userName is what a name (and so a token's subject) may be: no dots, so
// the token splits unambiguously.
var userName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

var (
	errTokenMalformed = errors.New("the token is not name.expiry.signature")
	errTokenSignature = errors.New("the token's signature does not match")
	errTokenExpired   = errors.New("the token has expired")
)

// issue returns a token for name valid for ttl.
func (t *tokens) issue(name string) (token string, expires time.Time) {
	expires = t.now().Add(t.ttl).Truncate(time.Second)
	payload := name + "." + strconv.FormatInt(expires.Unix(), 10)
	return payload + "." + t.sign(payload), expires
}

// verify returns the name a valid, unexpired token was issued for.
func (t *tokens) verify(token string) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || !userName.MatchString(parts[0]) {
		return "", errTokenMalformed
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return "", errTokenMalformed
	}
	if !hmac.Equal([]byte(parts[2]), []byte(t.sign(parts[0]+"."+parts[1]))) {
		return "", errTokenSignature
	}
	if !t.now().Before(time.Unix(exp, 0)) {
		return "", errTokenExpired
	}
	return parts[0], nil
}

func (t *tokens) sign(payload string) string {
	mac := hmac.New(sha256.New, t.secret)
	mac.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
