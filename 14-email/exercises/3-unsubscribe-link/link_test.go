package unsubscribelink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

var (
	secret = []byte("test-secret")
	now    = time.Unix(1_800_000_000, 0)
)

func token(t *testing.T, email string, expires time.Time) string {
	t.Helper()
	h, err := Headers(secret, "https://mail.example.com/unsubscribe", email, expires)
	if err != nil {
		t.Fatalf("Headers: %v", err)
	}
	lu := h["List-Unsubscribe"]
	if !strings.HasPrefix(lu, "<https://mail.example.com/unsubscribe?") || !strings.HasSuffix(lu, ">") {
		t.Fatalf("List-Unsubscribe = %q, want <https://mail.example.com/unsubscribe?…>", lu)
	}
	u, err := url.Parse(strings.Trim(lu, "<>"))
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("t")
}

func TestHeadersAreRFC8058(t *testing.T) {
	h, err := Headers(secret, "https://mail.example.com/unsubscribe?list=news", "ada@example.com", now.Add(time.Hour))
	if err != nil {
		t.Fatalf("Headers: %v", err)
	}
	if h["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q, want List-Unsubscribe=One-Click", h["List-Unsubscribe-Post"])
	}
	if len(h) != 2 {
		t.Errorf("got %d headers, want exactly the two", len(h))
	}
	u, _ := url.Parse(strings.Trim(h["List-Unsubscribe"], "<>"))
	if u.Query().Get("list") != "news" || u.Query().Get("t") == "" {
		t.Errorf("the URL %q lost the base's query or has no t", u)
	}
	for _, base := range []string{"http://mail.example.com/u", "mailto:u@example.com", "https:///nohost", "::bad"} {
		if _, err := Headers(secret, base, "ada@example.com", now); err == nil {
			t.Errorf("Headers(base %q) = nil error; RFC 8058 wants an https URI", base)
		}
	}
	if _, err := Headers(secret, "https://mail.example.com/u", "not-an-address", now); err == nil {
		t.Errorf("Headers(email without @) = nil error")
	}
}

func TestRoundTrip(t *testing.T) {
	for _, email := range []string{"ada@example.com", "a|b@example.com", "üser+tag@example.com", "@"} {
		tok := token(t, email, now.Add(time.Hour))
		if got, err := Verify(secret, tok, now); err != nil || got != email {
			t.Errorf("Verify(token for %q) = %q, %v", email, got, err)
		}
	}
}

func TestExpiry(t *testing.T) {
	tok := token(t, "ada@example.com", now.Add(time.Hour))
	if _, err := Verify(secret, tok, now.Add(time.Hour-time.Second)); err != nil {
		t.Errorf("one second before expiry: %v, want valid", err)
	}
	for _, at := range []time.Time{now.Add(time.Hour), now.Add(2 * time.Hour)} {
		if got, err := Verify(secret, tok, at); !errors.Is(err, ErrInvalid) || got != "" {
			t.Errorf("Verify at %v (expiry %v) = %q, %v; want ErrInvalid", at, now.Add(time.Hour), got, err)
		}
	}
}

func TestFarFutureExpiry(t *testing.T) {
	far := time.Unix(1<<62+5, 0)
	if got, err := Verify(secret, token(t, "ada@example.com", far), now); err != nil || got != "ada@example.com" {
		t.Errorf("Verify(token expiring at Unix 2^62+5) = %q, %v; want valid (expiry is any int64)", got, err)
	}
}

func TestForgeries(t *testing.T) {
	tok := token(t, "ada@example.com", now.Add(time.Hour))
	p64, s64, _ := strings.Cut(tok, ".")
	other := base64.RawURLEncoding.EncodeToString([]byte("eve@example.com|1800003600"))
	noBar := base64.RawURLEncoding.EncodeToString([]byte("ada@example.com"))
	for name, bad := range map[string]string{
		"empty":            "",
		"no dot":           p64 + s64,
		"other payload":    other + "." + s64,
		"bad signature":    p64 + "." + base64.RawURLEncoding.EncodeToString([]byte("x")),
		"payload not b64":  "!!!." + s64,
		"sig not b64":      p64 + ".!!!",
		"signed, no bar":   signed(noBar),
		"signed, no email": signed(base64.RawURLEncoding.EncodeToString([]byte("|1800003600"))),
		"signed, bad exp":  signed(base64.RawURLEncoding.EncodeToString([]byte("ada@example.com|soon"))),
	} {
		if got, err := Verify(secret, bad, now); !errors.Is(err, ErrInvalid) || got != "" {
			t.Errorf("%s: Verify = %q, %v; want ErrInvalid", name, got, err)
		}
	}
	if _, err := Verify([]byte("other-secret"), tok, now); !errors.Is(err, ErrInvalid) {
		t.Errorf("a token checked with another secret = %v, want ErrInvalid", err)
	}
}

// signed gives a payload a valid signature, to reach the checks after it.
func signed(p64 string) string {
	raw, _ := base64.RawURLEncoding.DecodeString(p64)
	return p64 + "." + base64.RawURLEncoding.EncodeToString(testSign(raw))
}

func testSign(payload []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(payload)
	return m.Sum(nil)
}
