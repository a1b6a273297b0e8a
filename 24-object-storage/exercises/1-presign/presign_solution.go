//go:build solution

package presign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// CanonicalQuery encodes q as the signature sees it: pairs sorted by key,
// a key's values sorted, keys and values percent-encoded as RFC 3986
// (unreserved A-Z a-z 0-9 - . _ ~ kept, everything else %XX uppercase,
// space as %20), joined by '&'.
func CanonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(escape(k))
			b.WriteByte('=')
			b.WriteString(escape(v))
		}
	}
	return b.String()
}

// escape percent-encodes everything but RFC 3986's unreserved characters.
func escape(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// stringToSign is what the HMAC covers: the method, the host, the path
// and the canonical query (X-Expires included, X-Signature not), one per
// line. Each part is encoded, so none can contain the separator.
func stringToSign(method string, u *url.URL, q url.Values) string {
	return method + "\n" + strings.ToLower(u.Host) + "\n" + u.EscapedPath() + "\n" + CanonicalQuery(q)
}

func (s Signer) mac(msg string) []byte {
	m := hmac.New(sha256.New, s.Key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// Sign returns rawURL with X-Expires (now + ttl) and X-Signature added,
// its query in canonical form, signed for method.
func (s Signer) Sign(method, rawURL string, ttl time.Duration) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil || ttl <= 0 || ttl > MaxTTL || method == "" {
		return "", ErrMalformed
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil || q.Has(ParamExpires) || q.Has(ParamSignature) {
		return "", ErrMalformed
	}
	q.Set(ParamExpires, strconv.FormatInt(s.Now().Add(ttl).Unix(), 10))
	sig := hex.EncodeToString(s.mac(stringToSign(method, u, q)))
	u.RawQuery = CanonicalQuery(q) + "&" + ParamSignature + "=" + sig
	return u.String(), nil
}

// Verify checks a signed URL for method: nil, ErrMalformed, ErrSignature
// or ErrExpired.
func (s Signer) Verify(method, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ErrMalformed
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil || len(q[ParamSignature]) != 1 || len(q[ParamExpires]) != 1 {
		return ErrMalformed
	}
	got, err := hex.DecodeString(q.Get(ParamSignature))
	if err != nil {
		return ErrMalformed
	}
	exp, err := strconv.ParseInt(q.Get(ParamExpires), 10, 64)
	if err != nil {
		return ErrMalformed
	}
	q.Del(ParamSignature)
	// The signature first: an attacker learns nothing about a URL whose
	// signature is wrong, not even whether it would have expired.
	if !hmac.Equal(got, s.mac(stringToSign(method, u, q))) {
		return ErrSignature
	}
	if !s.Now().Before(time.Unix(exp, 0)) {
		return ErrExpired
	}
	return nil
}
