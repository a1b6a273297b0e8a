package pkce

import (
	"errors"
	"strings"
	"testing"
)

// The example of RFC 7636 Appendix B.
const (
	rfcVerifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	rfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
)

func TestChallengeS256MatchesRFC7636(t *testing.T) {
	got, err := ChallengeS256(rfcVerifier)
	if err != nil || got != rfcChallenge {
		t.Fatalf("ChallengeS256(%q) = %q, %v; want %q, nil", rfcVerifier, got, err, rfcChallenge)
	}
}

func TestChallengeS256ChecksTheVerifier(t *testing.T) {
	for _, tc := range []struct {
		name     string
		verifier string
		ok       bool
	}{
		{"shortest allowed (43)", strings.Repeat("a", 43), true},
		{"longest allowed (128)", strings.Repeat("Z", 128), true},
		{"every unreserved symbol", "-._~" + strings.Repeat("0", 39), true},
		{"range ends A Z a z 0 9", "AZaz09" + strings.Repeat("m", 37), true},
		{"empty", "", false},
		{"42 characters", strings.Repeat("a", 42), false},
		{"129 characters", strings.Repeat("a", 129), false},
		{"space", strings.Repeat("a", 42) + " ", false},
		{"plus (standard base64)", strings.Repeat("a", 42) + "+", false},
		{"slash (standard base64)", strings.Repeat("a", 42) + "/", false},
		{"padding", strings.Repeat("a", 42) + "=", false},
		{"non-ASCII", strings.Repeat("a", 42) + "é", false},
		{"bad first character", " " + strings.Repeat("a", 42), false},
		{"bad middle character", strings.Repeat("a", 21) + "!" + strings.Repeat("a", 21), false},
		{"just outside the ranges: @ [ ` { / :", "@[`{/:" + strings.Repeat("a", 37), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ChallengeS256(tc.verifier)
			if tc.ok {
				if err != nil || len(got) != 43 {
					t.Errorf("ChallengeS256(%q) = %q, %v; want a 43-character challenge", tc.verifier, got, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidVerifier) {
				t.Errorf("ChallengeS256(%q) error = %v, want ErrInvalidVerifier", tc.verifier, err)
			}
		})
	}
	// Each character just outside a range, alone in an otherwise valid verifier.
	for _, c := range "@[`{/:" {
		v := strings.Repeat("a", 42) + string(c)
		t.Run("refuses "+string(c), func(t *testing.T) {
			if got, err := ChallengeS256(v); !errors.Is(err, ErrInvalidVerifier) {
				t.Errorf("ChallengeS256(%q) = %q, %v; want ErrInvalidVerifier", v, got, err)
			}
		})
	}
	for _, c := range "AZaz09-._~" {
		v := strings.Repeat("a", 42) + string(c)
		t.Run("accepts "+string(c), func(t *testing.T) {
			if got, err := ChallengeS256(v); err != nil || len(got) != 43 {
				t.Errorf("ChallengeS256(%q) = %q, %v; want a 43-character challenge", v, got, err)
			}
		})
	}
}

func TestNewVerifier(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		v, err := NewVerifier()
		if err != nil {
			t.Fatalf("NewVerifier() error = %v", err)
		}
		if _, err := ChallengeS256(v); err != nil {
			t.Fatalf("NewVerifier() = %q, which ChallengeS256 refuses: %v", v, err)
		}
		if seen[v] {
			t.Fatalf("NewVerifier() returned %q twice", v)
		}
		seen[v] = true
	}
}

func TestVerify(t *testing.T) {
	for _, tc := range []struct {
		name                        string
		verifier, challenge, method string
		want                        bool
	}{
		{"RFC 7636 pair", rfcVerifier, rfcChallenge, "S256", true},
		{"another verifier", strings.Repeat("a", 43), rfcChallenge, "S256", false},
		{"challenge with padding", rfcVerifier, rfcChallenge + "=", "S256", false},
		{"plain is refused", rfcVerifier, rfcVerifier, "plain", false},
		{"method is case-sensitive", rfcVerifier, rfcChallenge, "s256", false},
		{"no method", rfcVerifier, rfcChallenge, "", false},
		{"invalid verifier", "short", rfcChallenge, "S256", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Verify(tc.verifier, tc.challenge, tc.method); got != tc.want {
				t.Errorf("Verify(%q, %q, %q) = %v, want %v", tc.verifier, tc.challenge, tc.method, got, tc.want)
			}
		})
	}
}
