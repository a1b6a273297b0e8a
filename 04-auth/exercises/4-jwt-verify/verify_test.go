package jwtverify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var (
	keysOnce         sync.Once
	rsaKey, rsaOther *rsa.PrivateKey
	ecKey            *ecdsa.PrivateKey
)

func keys(t *testing.T) {
	t.Helper()
	keysOnce.Do(func() {
		rsaKey, _ = rsa.GenerateKey(rand.Reader, 2048)
		rsaOther, _ = rsa.GenerateKey(rand.Reader, 2048)
		ecKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	})
}

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// claims returns valid claims; mutate breaks one thing.
func claims(mutate func(*jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{
		"sub": "u_42", "iss": "https://auth.example", "aud": []string{"articles-api"},
		"exp": now.Add(5 * time.Minute).Unix(), "nbf": now.Add(-time.Minute).Unix(), "scope": "articles:read",
	}
	if mutate != nil {
		mutate(&c)
	}
	return c
}

func sign(t *testing.T, m jwt.SigningMethod, key any, c jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, c).SignedString(key)
	if err != nil {
		t.Fatalf("sign %s: %v", m.Alg(), err)
	}
	return s
}

func rsVerifier() *Verifier {
	return &Verifier{Algorithm: "RS256", Key: &rsaKey.PublicKey, Issuer: "https://auth.example", Audience: "articles-api", Leeway: 30 * time.Second, Now: func() time.Time { return now }}
}

func TestVerifyAcceptsAValidToken(t *testing.T) {
	keys(t)
	got, err := rsVerifier().Verify(sign(t, jwt.SigningMethodRS256, rsaKey, claims(nil)))
	if err != nil {
		t.Fatalf("Verify(valid RS256 token) error = %v", err)
	}
	if got.Subject != "u_42" || got.Scope != "articles:read" || !got.ExpiresAt.Equal(now.Add(5*time.Minute)) || !got.NotBefore.Equal(now.Add(-time.Minute)) {
		t.Errorf("Verify(valid token) = %+v, want sub u_42, scope articles:read, exp now+5m, nbf now-1m", got)
	}
	// A single string "aud" is as valid as an array.
	single := claims(func(c *jwt.MapClaims) { (*c)["aud"] = "articles-api" })
	if _, err := rsVerifier().Verify(sign(t, jwt.SigningMethodRS256, rsaKey, single)); err != nil {
		t.Errorf("Verify(token with aud as a string) error = %v, want nil", err)
	}
}

func TestVerifyPinsTheAlgorithm(t *testing.T) {
	keys(t)
	pubDER, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
	b64 := base64.RawURLEncoding.EncodeToString

	for _, tc := range []struct {
		name, token string
	}{
		// alg=none: no signature at all.
		{"alg none", sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(nil))},
		// The same, hand-made, with an empty third segment.
		{"hand-made none", b64([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + b64([]byte(`{"sub":"admin","exp":9999999999}`)) + "."},
		// HS/RS confusion: HMAC "signed" with the public key, which every attacker has.
		{"HS256 with the public key as secret", sign(t, jwt.SigningMethodHS256, pubPEM, claims(nil))},
		{"RS512 with the right key", sign(t, jwt.SigningMethodRS512, rsaKey, claims(nil))},
		{"ES256", sign(t, jwt.SigningMethodES256, ecKey, claims(nil))},
		{"unknown alg", b64([]byte(`{"alg":"XY999","typ":"JWT"}`)) + "." + b64([]byte(`{"sub":"x"}`)) + ".c2ln"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := rsVerifier().Verify(tc.token); !errors.Is(err, ErrAlgorithm) {
				t.Errorf("Verify(%s) error = %v, want ErrAlgorithm", tc.name, err)
			}
		})
	}

	t.Run("HS256 verifier refuses RS256", func(t *testing.T) {
		v := &Verifier{Algorithm: "HS256", Key: []byte("0123456789abcdef0123456789abcdef"), Issuer: "https://auth.example", Audience: "articles-api", Now: func() time.Time { return now }}
		if _, err := v.Verify(sign(t, jwt.SigningMethodHS256, []byte("0123456789abcdef0123456789abcdef"), claims(nil))); err != nil {
			t.Fatalf("HS256 Verify(valid token) error = %v", err)
		}
		if _, err := v.Verify(sign(t, jwt.SigningMethodRS256, rsaKey, claims(nil))); !errors.Is(err, ErrAlgorithm) {
			t.Errorf("HS256 Verify(RS256 token) error = %v, want ErrAlgorithm", err)
		}
	})
}

func TestVerifyChecksTheSignature(t *testing.T) {
	keys(t)
	good := sign(t, jwt.SigningMethodRS256, rsaKey, claims(nil))
	parts := strings.Split(good, ".")
	forged := base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"admin","iss":"https://auth.example","aud":"articles-api","exp":9999999999}`))
	for _, tc := range []struct {
		name, token string
	}{
		{"another key", sign(t, jwt.SigningMethodRS256, rsaOther, claims(nil))},
		{"payload swapped", parts[0] + "." + forged + "." + parts[2]},
		{"signature truncated", parts[0] + "." + parts[1] + "." + parts[2][:20]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := rsVerifier().Verify(tc.token); !errors.Is(err, ErrSignature) {
				t.Errorf("Verify(%s) error = %v, want ErrSignature", tc.name, err)
			}
		})
	}
}

func TestVerifyChecksClaims(t *testing.T) {
	keys(t)
	for _, tc := range []struct {
		name   string
		mutate func(*jwt.MapClaims)
		want   error
	}{
		{"no exp", func(c *jwt.MapClaims) { delete(*c, "exp") }, ErrMissingExp},
		{"expired beyond leeway", func(c *jwt.MapClaims) { (*c)["exp"] = now.Add(-31 * time.Second).Unix() }, ErrExpired},
		{"expired within leeway", func(c *jwt.MapClaims) { (*c)["exp"] = now.Add(-29 * time.Second).Unix() }, nil},
		{"nbf beyond leeway", func(c *jwt.MapClaims) { (*c)["nbf"] = now.Add(31 * time.Second).Unix() }, ErrNotYetValid},
		{"nbf within leeway", func(c *jwt.MapClaims) { (*c)["nbf"] = now.Add(29 * time.Second).Unix() }, nil},
		{"no nbf", func(c *jwt.MapClaims) { delete(*c, "nbf") }, nil},
		{"other issuer", func(c *jwt.MapClaims) { (*c)["iss"] = "https://evil.example" }, ErrIssuer},
		{"no issuer", func(c *jwt.MapClaims) { delete(*c, "iss") }, ErrIssuer},
		{"other audience", func(c *jwt.MapClaims) { (*c)["aud"] = []string{"billing-api"} }, ErrAudience},
		{"no audience", func(c *jwt.MapClaims) { delete(*c, "aud") }, ErrAudience},
		{"one of several audiences", func(c *jwt.MapClaims) { (*c)["aud"] = []string{"billing-api", "articles-api"} }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rsVerifier().Verify(sign(t, jwt.SigningMethodRS256, rsaKey, claims(tc.mutate)))
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Verify(token with %s) error = %v, want %v", tc.name, err, tc.want)
			}
		})
	}
}

func TestVerifyRejectsMalformedTokens(t *testing.T) {
	keys(t)
	for _, tok := range []string{"", "abc", "a.b", "a.b.c.d", "!!!.???.###", "eyJhbGciOiJSUzI1NiJ9.not-base64!.sig"} {
		if _, err := rsVerifier().Verify(tok); !errors.Is(err, ErrMalformed) {
			t.Errorf("Verify(%q) error = %v, want ErrMalformed", tok, err)
		}
	}
}

// RFC 7519 §4.1.4: the token is valid only *before* exp; §4.1.5: valid
// *on or after* nbf. The leeway widens both windows by exactly v.Leeway.
func TestVerifyTimeBoundaries(t *testing.T) {
	keys(t)
	for _, tc := range []struct {
		name     string
		leeway   time.Duration
		exp, nbf time.Duration // relative to now; nbf 0 means "no nbf"
		want     error
	}{
		{"exp exactly at now - leeway", 30 * time.Second, -30 * time.Second, 0, ErrExpired},
		{"exp one second inside the leeway", 30 * time.Second, -29 * time.Second, 0, nil},
		{"nbf exactly at now + leeway", 30 * time.Second, time.Minute, 30 * time.Second, nil},
		{"nbf one second beyond the leeway", 30 * time.Second, time.Minute, 31 * time.Second, ErrNotYetValid},
		{"no leeway: exp == now", 0, 0, 0, ErrExpired},
		{"no leeway: exp one second ahead", 0, time.Second, 0, nil},
		{"no leeway: exp one second ago", 0, -time.Second, 0, ErrExpired},
		{"no leeway: nbf one second ahead", 0, time.Minute, time.Second, ErrNotYetValid},
		{"no leeway: nbf one second ago", 0, time.Minute, -time.Second, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := claims(func(c *jwt.MapClaims) {
				(*c)["exp"] = now.Add(tc.exp).Unix()
				delete(*c, "nbf")
				if tc.nbf != 0 {
					(*c)["nbf"] = now.Add(tc.nbf).Unix()
				}
			})
			v := rsVerifier()
			v.Leeway = tc.leeway
			_, err := v.Verify(sign(t, jwt.SigningMethodRS256, rsaKey, c))
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Verify(exp now%+v, nbf now%+v, leeway %v) error = %v, want %v", tc.exp, tc.nbf, tc.leeway, err, tc.want)
			}
		})
	}
}

func TestVerifyReturnsTheClaims(t *testing.T) {
	keys(t)
	c := claims(func(c *jwt.MapClaims) {
		(*c)["aud"] = []string{"billing-api", "articles-api"}
		delete(*c, "nbf")
	})
	got, err := rsVerifier().Verify(sign(t, jwt.SigningMethodRS256, rsaKey, c))
	if err != nil {
		t.Fatalf("Verify(valid token without nbf) error = %v", err)
	}
	if got.Issuer != "https://auth.example" || len(got.Audience) != 2 || got.Audience[0] != "billing-api" || got.Audience[1] != "articles-api" {
		t.Errorf("Verify(valid token) = %+v, want iss https://auth.example and aud [billing-api articles-api]", got)
	}
	if !got.NotBefore.IsZero() {
		t.Errorf("Verify(token without nbf).NotBefore = %v, want the zero time", got.NotBefore)
	}
}

func TestVerifyWithoutAClockUsesTheTime(t *testing.T) {
	keys(t)
	v := rsVerifier()
	v.Now = nil
	fresh := claims(func(c *jwt.MapClaims) {
		(*c)["exp"] = time.Now().Add(time.Hour).Unix()
		(*c)["nbf"] = time.Now().Add(-time.Hour).Unix()
	})
	if _, err := v.Verify(sign(t, jwt.SigningMethodRS256, rsaKey, fresh)); err != nil {
		t.Errorf("Verify with Now nil, token valid for the next hour: error = %v, want nil", err)
	}
	stale := claims(func(c *jwt.MapClaims) {
		(*c)["exp"] = time.Now().Add(-time.Hour).Unix()
		(*c)["nbf"] = time.Now().Add(-2 * time.Hour).Unix()
	})
	if _, err := v.Verify(sign(t, jwt.SigningMethodRS256, rsaKey, stale)); !errors.Is(err, ErrExpired) {
		t.Errorf("Verify with Now nil, token expired an hour ago: error = %v, want ErrExpired", err)
	}
}

func TestVerifyOtherAlgorithms(t *testing.T) {
	keys(t)
	otherEC, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	secret := []byte("0123456789abcdef0123456789abcdef")
	es := &Verifier{Algorithm: "ES256", Key: &ecKey.PublicKey, Issuer: "https://auth.example", Audience: "articles-api", Now: func() time.Time { return now }}
	hs := &Verifier{Algorithm: "HS256", Key: secret, Issuer: "https://auth.example", Audience: "articles-api", Now: func() time.Time { return now }}
	for _, tc := range []struct {
		name  string
		v     *Verifier
		token string
		want  error
	}{
		{"ES256 verifier, ES256 token", es, sign(t, jwt.SigningMethodES256, ecKey, claims(nil)), nil},
		{"ES256 verifier, another EC key", es, sign(t, jwt.SigningMethodES256, otherEC, claims(nil)), ErrSignature},
		{"ES256 verifier, RS256 token", es, sign(t, jwt.SigningMethodRS256, rsaKey, claims(nil)), ErrAlgorithm},
		{"ES256 verifier, ES384 token", es, sign(t, jwt.SigningMethodES384, mustP384(t), claims(nil)), ErrAlgorithm},
		{"HS256 verifier, another secret", hs, sign(t, jwt.SigningMethodHS256, []byte("another secret, another secret!!"), claims(nil)), ErrSignature},
		{"HS256 verifier, HS512 token", hs, sign(t, jwt.SigningMethodHS512, secret, claims(nil)), ErrAlgorithm},
		{"HS256 verifier, expired token", hs, sign(t, jwt.SigningMethodHS256, secret, claims(func(c *jwt.MapClaims) { (*c)["exp"] = now.Add(-time.Second).Unix() })), ErrExpired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.v.Verify(tc.token)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("%s Verifier.Verify(%s) error = %v, want %v", tc.v.Algorithm, tc.name, err, tc.want)
			}
		})
	}
}

func mustP384(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
