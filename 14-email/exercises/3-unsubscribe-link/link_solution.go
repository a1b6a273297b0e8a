//go:build solution

package unsubscribelink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Headers returns the List-Unsubscribe and List-Unsubscribe-Post values.
func Headers(secret []byte, base, email string, expires time.Time) (map[string]string, error) {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, errors.New("unsubscribelink: base must be an https URL")
	}
	if !strings.Contains(email, "@") {
		return nil, errors.New("unsubscribelink: not an email address")
	}
	payload := email + "|" + strconv.FormatInt(expires.Unix(), 10)
	token := base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(sign(secret, payload))
	q := u.Query()
	q.Set("t", token)
	u.RawQuery = q.Encode()
	return map[string]string{
		"List-Unsubscribe":      "<" + u.String() + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}, nil
}

func sign(secret []byte, payload string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// Verify returns the email a token was made for, if it is valid at now.
func Verify(secret []byte, token string, now time.Time) (string, error) {
	p64, s64, ok := strings.Cut(token, ".")
	if !ok {
		return "", ErrInvalid
	}
	payload, err := base64.RawURLEncoding.DecodeString(p64)
	if err != nil {
		return "", ErrInvalid
	}
	sig, err := base64.RawURLEncoding.DecodeString(s64)
	if err != nil || !hmac.Equal(sig, sign(secret, string(payload))) {
		return "", ErrInvalid
	}
	i := strings.LastIndexByte(string(payload), '|')
	if i <= 0 { // no separator, or an empty email
		return "", ErrInvalid
	}
	exp, err := strconv.ParseInt(string(payload[i+1:]), 10, 64)
	if err != nil || now.Unix() >= exp {
		return "", ErrInvalid
	}
	return string(payload[:i]), nil
}
