package presign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

const where = "(edit exercises/1-presign/presign.go)"

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// signedAt is 2026-03-01 12:00:00.5 UTC: the half second checks that
// X-Expires is whole seconds.
func newSigner() (Signer, *fakeClock) {
	clk := &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 5e8, time.UTC)}
	return Signer{Key: []byte("test-secret-key"), Now: clk.now}, clk
}

func mustSign(t *testing.T, s Signer, method, raw string, ttl time.Duration) string {
	t.Helper()
	u, err := s.Sign(method, raw, ttl)
	if err != nil {
		t.Fatalf("Sign(%s, %q, %s) error %v, want nil %s", method, raw, ttl, err, where)
	}
	return u
}

func TestCanonicalQuery(t *testing.T) {
	for _, c := range []struct {
		q    url.Values
		want string
	}{
		{url.Values{}, ""},
		{url.Values{"a": {"1"}}, "a=1"},
		{url.Values{"b": {"2", "1"}, "a": {"x"}}, "a=x&b=1&b=2"},
		{url.Values{"a b": {"x y"}}, "a%20b=x%20y"},
		{url.Values{"t": {"-_.~AZaz09"}}, "t=-_.~AZaz09"},
		{url.Values{"p": {"a+b/c?d=e&f%"}}, "p=a%2Bb%2Fc%3Fd%3De%26f%25"},
		{url.Values{"u": {"é"}}, "u=%C3%A9"},
		{url.Values{"e": {""}}, "e="},
		{url.Values{"": {""}, "a": {"1"}}, "=&a=1"},
		{url.Values{"B": {"1"}, "a": {"1"}, "X-Expires": {"9"}}, "B=1&X-Expires=9&a=1"},
		{url.Values{"é": {"1"}, "~": {"1"}}, "~=1&%C3%A9=1"}, // sorted by the raw key's bytes
	} {
		if got := CanonicalQuery(c.q); got != c.want {
			t.Errorf("CanonicalQuery(%v) = %q, want %q %s", c.q, got, c.want, where)
		}
	}
}

func TestSignFormat(t *testing.T) {
	s, clk := newSigner()
	got := mustSign(t, s, "GET", "https://Files.Example.com/blobs/a%20b?b=2&a=1", 10*time.Minute)
	exp := clk.t.Add(10 * time.Minute).Unix() // 12:10:00.5 → 1772367000: whole seconds
	u, err := url.Parse(got)
	if err != nil {
		t.Fatalf("Sign returned %q, not a URL: %v", got, err)
	}
	if u.Scheme != "https" || u.Host != "Files.Example.com" || u.EscapedPath() != "/blobs/a%20b" {
		t.Errorf("Sign changed the URL's scheme, host or path: %q %s", got, where)
	}
	sig := u.Query().Get(ParamSignature)
	wantQuery := "X-Expires=1772367000&a=1&b=2&X-Signature=" + sig
	if u.RawQuery != wantQuery || exp != 1772367000 {
		t.Errorf("Sign query = %q, want the canonical query then the signature: %q %s", u.RawQuery, wantQuery, where)
	}
	// The signature is HMAC-SHA256 over method, lowercase host, escaped
	// path and canonical query (with X-Expires, without X-Signature).
	m := hmac.New(sha256.New, s.Key)
	m.Write([]byte("GET\nfiles.example.com\n/blobs/a%20b\nX-Expires=1772367000&a=1&b=2"))
	if want := hex.EncodeToString(m.Sum(nil)); sig != want {
		t.Errorf("X-Signature = %q, want %q (HMAC-SHA256 of the string to sign, lowercase hex) %s", sig, want, where)
	}
	if got := mustSign(t, s, "PUT", "http://h/k", time.Second); !strings.HasPrefix(got, "http://h/k?X-Expires=1772366401&X-Signature=") {
		t.Errorf("Sign of a URL without a query = %q %s", got, where)
	}
}

func TestVerifyRoundTrip(t *testing.T) {
	s, _ := newSigner()
	for _, c := range []struct{ method, raw string }{
		{"GET", "https://files.example.com/blobs/abc"},
		{"PUT", "https://files.example.com/incoming/x?uploadId=7"},
		{"GET", "http://127.0.0.1:8024/a%2Fb/c%20d?z=1&z=0&a=&q=x+y"},
	} {
		signed := mustSign(t, s, c.method, c.raw, time.Hour)
		if err := s.Verify(c.method, signed); err != nil {
			t.Errorf("Verify(%s, %q) = %v, want nil %s", c.method, signed, err, where)
		}
	}
	// The order of the query does not matter; the host's case does not either.
	signed := mustSign(t, s, "GET", "https://files.example.com/k?b=2&a=1", time.Hour)
	u, _ := url.Parse(signed)
	q := u.Query()
	u.RawQuery = "X-Signature=" + q.Get(ParamSignature) + "&b=2&" + "X-Expires=" + q.Get(ParamExpires) + "&a=1"
	u.Host = "FILES.example.com"
	if err := s.Verify("GET", u.String()); err != nil {
		t.Errorf("Verify of the same URL with its query reordered and the host upper-cased = %v, want nil %s", err, where)
	}
}

func TestTamperingIsRejected(t *testing.T) {
	s, _ := newSigner()
	signed := mustSign(t, s, "GET", "https://files.example.com/blobs/a%20b?a=1&b=2", time.Hour)
	u, _ := url.Parse(signed)
	sig := u.Query().Get(ParamSignature)
	flipped := sig[:len(sig)-1] + "0" // the last hex digit changed
	if sig[len(sig)-1] == '0' {
		flipped = sig[:len(sig)-1] + "1"
	}
	replace := func(old, new string) string { return strings.Replace(signed, old, new, 1) }
	for _, c := range []struct{ name, method, url string }{
		{"another method", "PUT", signed},
		{"method case", "get", signed},
		{"another host", "GET", replace("files.example.com", "files.example.org")},
		{"another port", "GET", replace("files.example.com", "files.example.com:8443")},
		{"another path", "GET", replace("/blobs/a%20b", "/blobs/a%20c")},
		{"a trailing slash", "GET", replace("/blobs/a%20b", "/blobs/a%20b/")},
		{"a value changed", "GET", replace("a=1", "a=2")},
		{"a parameter added", "GET", replace("a=1", "a=1&c=3")},
		{"a parameter repeated", "GET", replace("a=1", "a=1&a=1")},
		{"a parameter removed", "GET", replace("&a=1", "")},
		{"a later expiry", "GET", replace("X-Expires=1772370000", "X-Expires=1772373600")},
		{"one signature digit", "GET", replace(sig, flipped)},
		{"a shortened signature", "GET", replace(sig, sig[:len(sig)-2])},
		{"an empty signature", "GET", replace(sig, "")},
	} {
		if c.url == signed && c.method == "GET" {
			t.Fatalf("case %q changed nothing: the test is wrong", c.name)
		}
		if err := s.Verify(c.method, c.url); !errors.Is(err, ErrSignature) {
			t.Errorf("Verify with %s (%s %q) = %v, want ErrSignature %s", c.name, c.method, c.url, err, where)
		}
	}
	other := Signer{Key: []byte("another key"), Now: s.Now}
	if err := other.Verify("GET", signed); !errors.Is(err, ErrSignature) {
		t.Errorf("Verify with another key = %v, want ErrSignature %s", err, where)
	}
}

func TestMalformed(t *testing.T) {
	s, _ := newSigner()
	signed := mustSign(t, s, "GET", "https://h/k", time.Hour)
	u, _ := url.Parse(signed)
	sig, exp := u.Query().Get(ParamSignature), u.Query().Get(ParamExpires)
	for _, raw := range []string{
		"https://h/k",
		"https://h/k?X-Expires=" + exp,
		"https://h/k?X-Signature=" + sig,
		"https://h/k?X-Expires=" + exp + "&X-Signature=" + sig + "&X-Signature=" + sig,
		"https://h/k?X-Expires=" + exp + "&X-Expires=" + exp + "&X-Signature=" + sig,
		"https://h/k?X-Expires=" + exp + "&X-Signature=zz" + sig[2:],
		"https://h/k?X-Expires=soon&X-Signature=" + sig,
		"https://h/k?X-Expires=" + exp + "&X-Signature=" + sig + "&bad=%zz",
		"http://[::1/k",
	} {
		if err := s.Verify("GET", raw); !errors.Is(err, ErrMalformed) {
			t.Errorf("Verify(%q) = %v, want ErrMalformed %s", raw, err, where)
		}
	}
	for _, c := range []struct {
		method, raw string
		ttl         time.Duration
	}{
		{"GET", "https://h/k", 0},
		{"GET", "https://h/k", -time.Second},
		{"GET", "https://h/k", MaxTTL + time.Second},
		{"GET", "https://h/k?X-Signature=ab", time.Minute},
		{"GET", "https://h/k?X-Expires=1", time.Minute},
		{"GET", "https://h/k?a=%zz", time.Minute},
		{"GET", "http://[::1/k", time.Minute},
		{"", "https://h/k", time.Minute},
	} {
		if got, err := s.Sign(c.method, c.raw, c.ttl); !errors.Is(err, ErrMalformed) || got != "" {
			t.Errorf("Sign(%q, %q, %s) = %q, %v; want \"\", ErrMalformed %s", c.method, c.raw, c.ttl, got, err, where)
		}
	}
	for _, ttl := range []time.Duration{MaxTTL, time.Nanosecond} {
		if _, err := s.Sign("GET", "https://h/k", ttl); err != nil {
			t.Errorf("Sign with ttl = %s: %v, want nil %s", ttl, err, where)
		}
	}
}

func TestExpiry(t *testing.T) {
	s, clk := newSigner()
	start := clk.t
	signed := mustSign(t, s, "GET", "https://h/k?v=1", 10*time.Minute)
	expires := time.Unix(start.Add(10*time.Minute).Unix(), 0) // 12:10:00 (the .5 s truncated)
	for _, c := range []struct {
		at   time.Time
		want error
	}{
		{start, nil},
		{start.Add(-time.Hour), nil}, // a clock behind the signer's
		{expires.Add(-time.Nanosecond), nil},
		{expires, ErrExpired},
		{expires.Add(time.Hour), ErrExpired},
	} {
		clk.t = c.at
		if err := s.Verify("GET", signed); !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("Verify at %s (expires %s) = %v, want %v %s", c.at.Format(time.RFC3339Nano), expires.Format(time.RFC3339), err, c.want, where)
		}
	}
	// An expiry far in the future (signed by hand, as Sign caps the ttl)
	// is still an int64 of seconds.
	m := hmac.New(sha256.New, s.Key)
	m.Write([]byte("GET\nh\n/far\nX-Expires=5000000000000000000"))
	far := "https://h/far?X-Expires=5000000000000000000&X-Signature=" + hex.EncodeToString(m.Sum(nil))
	if err := s.Verify("GET", far); err != nil {
		t.Errorf("Verify(%q) = %v, want nil %s", far, err, where)
	}
	// A wrong signature is ErrSignature even once expired: nothing is
	// told about a URL this server did not sign.
	clk.t = expires.Add(time.Hour)
	tampered := strings.Replace(signed, "v=1", "v=2", 1)
	if err := s.Verify("GET", tampered); !errors.Is(err, ErrSignature) {
		t.Errorf("Verify of a tampered, expired URL = %v, want ErrSignature %s", err, where)
	}
}
