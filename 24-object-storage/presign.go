package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"time"
)

// urlSigner makes the filesystem backend's pre-signed URLs: an HMAC-SHA256
// over the method, the key and the expiry time, with a secret only this
// server knows. Anyone may read the URL; nobody can change a part of it
// without the signature failing. Exercise 1-presign builds the general
// form (canonical query, any extra parameters).
type urlSigner struct {
	secret []byte
	now    func() time.Time
}

func (s *urlSigner) mac(method, key, expires string) []byte {
	m := hmac.New(sha256.New, s.secret)
	// Newlines separate the fields: no key or method contains one
	// (validKey), so two different triples never sign the same bytes.
	m.Write([]byte(method + "\n" + key + "\n" + expires))
	return m.Sum(nil)
}

// sign returns the query (expires, signature) that grants method on key.
func (s *urlSigner) sign(method, key string, ttl time.Duration) url.Values {
	exp := strconv.FormatInt(s.now().Add(ttl).Unix(), 10)
	return url.Values{"expires": {exp}, "signature": {hex.EncodeToString(s.mac(method, key, exp))}}
}

// verify checks a request's method, key and query against its signature.
func (s *urlSigner) verify(method, key string, q url.Values) bool {
	exp, err := strconv.ParseInt(q.Get("expires"), 10, 64)
	if err != nil || !s.now().Before(time.Unix(exp, 0)) {
		return false
	}
	got, err := hex.DecodeString(q.Get("signature"))
	if err != nil {
		return false
	}
	// hmac.Equal takes the same time wherever the first wrong byte is, so
	// the response time does not leak how much of a guess was right.
	return hmac.Equal(got, s.mac(method, key, q.Get("expires")))
}
