package totp

import (
	"errors"
	"testing"
	"time"
)

// The seeds of RFC 6238 Appendix B: the ASCII digits repeated to the
// hash's natural key length (20, 32 and 64 bytes).
var (
	seed20 = []byte("12345678901234567890")
	seed32 = []byte("12345678901234567890123456789012")
	seed64 = []byte("1234567890123456789012345678901234567890123456789012345678901234")
)

func TestHOTPMatchesRFC4226(t *testing.T) {
	// RFC 4226 Appendix D: SHA1, 6 digits, counters 0..9.
	want := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	for c, w := range want {
		got, err := HOTP(seed20, uint64(c), 6, SHA1)
		if err != nil || got != w {
			t.Errorf("HOTP(seed, %d, 6, SHA1) = %q, %v; want %q", c, got, err, w)
		}
	}
}

func TestGenerateMatchesRFC6238(t *testing.T) {
	// RFC 6238 Appendix B: 8 digits, 30-second steps, T0 = 0.
	for _, tc := range []struct {
		unix int64
		alg  Algorithm
		seed []byte
		want string
	}{
		{59, SHA1, seed20, "94287082"},
		{59, SHA256, seed32, "46119246"},
		{59, SHA512, seed64, "90693936"},
		{1111111109, SHA1, seed20, "07081804"},
		{1111111109, SHA256, seed32, "68084774"},
		{1111111109, SHA512, seed64, "25091201"},
		{1111111111, SHA1, seed20, "14050471"},
		{1111111111, SHA256, seed32, "67062674"},
		{1111111111, SHA512, seed64, "99943326"},
		{1234567890, SHA1, seed20, "89005924"},
		{1234567890, SHA256, seed32, "91819424"},
		{1234567890, SHA512, seed64, "93441116"},
		{2000000000, SHA1, seed20, "69279037"},
		{2000000000, SHA256, seed32, "90698825"},
		{2000000000, SHA512, seed64, "38618901"},
		{20000000000, SHA1, seed20, "65353130"},
		{20000000000, SHA256, seed32, "77737706"},
		{20000000000, SHA512, seed64, "47863826"},
	} {
		got, err := Generate(tc.seed, time.Unix(tc.unix, 0), Options{Digits: 8, Algorithm: tc.alg})
		if err != nil || got != tc.want {
			t.Errorf("Generate(seed, %d, 8 digits, alg %d) = %q, %v; want %q", tc.unix, tc.alg, got, err, tc.want)
		}
	}
}

func TestGenerateDefaultsAndBadInput(t *testing.T) {
	// Zero Options: 6 digits, 30 s, SHA1 — the last 6 digits of the RFC's 94287082.
	if got, err := Generate(seed20, time.Unix(59, 0), Options{}); err != nil || got != "287082" {
		t.Errorf("Generate(seed, 59, Options{}) = %q, %v; want %q", got, err, "287082")
	}
	// A 60-second period puts t=59 in step 0.
	if got, err := Generate(seed20, time.Unix(59, 0), Options{Period: time.Minute}); err != nil || got != "755224" {
		t.Errorf("Generate(seed, 59, 60s period) = %q, %v; want %q", got, err, "755224")
	}
	for _, tc := range []struct {
		name   string
		secret []byte
		t      time.Time
		opts   Options
	}{
		{"empty secret", nil, time.Unix(59, 0), Options{}},
		{"5 digits", seed20, time.Unix(59, 0), Options{Digits: 5}},
		{"9 digits", seed20, time.Unix(59, 0), Options{Digits: 9}},
		{"sub-second period", seed20, time.Unix(59, 0), Options{Period: time.Millisecond}},
		{"unknown algorithm", seed20, time.Unix(59, 0), Options{Algorithm: Algorithm(7)}},
		{"before the epoch", seed20, time.Unix(-1, 0), Options{}},
	} {
		if got, err := Generate(tc.secret, tc.t, tc.opts); !errors.Is(err, ErrInvalid) {
			t.Errorf("Generate with %s = %q, %v; want ErrInvalid", tc.name, got, err)
		}
	}
}

func TestValidate(t *testing.T) {
	now := time.Unix(1111111111, 0) // step 37037037
	code := func(unix int64) string {
		c, err := Generate(seed20, time.Unix(unix, 0), Options{})
		if err != nil {
			t.Fatalf("Generate: %v", err)
		}
		return c
	}
	current, previous, twoBack, next := code(1111111111), code(1111111111-30), code(1111111111-60), code(1111111111+30)
	for _, tc := range []struct {
		name string
		code string
		skew int
		want bool
	}{
		{"current step", current, 0, true},
		{"previous step without skew", previous, 0, false},
		{"previous step with skew 1", previous, 1, true},
		{"next step with skew 1", next, 1, true},
		{"two steps back with skew 1", twoBack, 1, false},
		{"empty", "", 1, false},
		{"too short", current[:5], 1, false},
		{"too long", current + "0", 1, false},
		{"letters", "abcdef", 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Validate(seed20, tc.code, now, Options{Skew: tc.skew}); got != tc.want {
				t.Errorf("Validate(%q, skew %d) = %v, want %v", tc.code, tc.skew, got, tc.want)
			}
		})
	}
	if Validate(seed20, code(10), time.Unix(10, 0), Options{Skew: 1}) != true {
		t.Error("Validate at step 0 with skew 1 = false, want true (no underflow before the epoch)")
	}
}
