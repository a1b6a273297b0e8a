package totp

import (
	"errors"
	"fmt"
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
	// The smallest allowed period and the first second of the epoch are valid.
	if got, err := Generate(seed20, time.Unix(7, 0), Options{Period: time.Second}); err != nil || got != "162583" {
		t.Errorf("Generate(seed, 7, 1s period) = %q, %v; want %q (HOTP counter 7)", got, err, "162583")
	}
	if got, err := Generate(seed20, time.Unix(0, 0), Options{}); err != nil || got != "755224" {
		t.Errorf("Generate(seed, 0, Options{}) = %q, %v; want %q (HOTP counter 0)", got, err, "755224")
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

func TestHOTPDigitsAndBadInput(t *testing.T) {
	// RFC 4226 Appendix D lists the truncated 31-bit values, so other
	// lengths can be read off them: 1094287082 (counter 1), 137359152 (2),
	// 82162583 (7).
	for _, tc := range []struct {
		counter uint64
		digits  int
		want    string
	}{
		{1, 8, "94287082"},
		{1, 7, "4287082"},
		{2, 8, "37359152"},
		{2, 7, "7359152"},
		{7, 8, "82162583"},
		{7, 7, "2162583"},
	} {
		t.Run(fmt.Sprintf("counter %d, %d digits", tc.counter, tc.digits), func(t *testing.T) {
			if got, err := HOTP(seed20, tc.counter, tc.digits, SHA1); err != nil || got != tc.want {
				t.Errorf("HOTP(seed, %d, %d, SHA1) = %q, %v; want %q", tc.counter, tc.digits, got, err, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name   string
		secret []byte
		digits int
		alg    Algorithm
	}{
		{"empty secret", nil, 6, SHA1},
		{"5 digits", seed20, 5, SHA1},
		{"9 digits", seed20, 9, SHA1},
		{"0 digits", seed20, 0, SHA1},
		{"unknown algorithm", seed20, 6, Algorithm(3)},
		{"negative algorithm", seed20, 6, Algorithm(-1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := HOTP(tc.secret, 1, tc.digits, tc.alg); !errors.Is(err, ErrInvalid) {
				t.Errorf("HOTP with %s = %q, %v; want ErrInvalid", tc.name, got, err)
			}
		})
	}
}

func TestValidateHonoursOptions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		secret []byte
		code   string
		unix   int64
		opts   Options
		want   bool
	}{
		// RFC 6238 Appendix B rows, validated with the options that made them.
		{"SHA1, 8 digits", seed20, "07081804", 1111111109, Options{Digits: 8}, true},
		{"SHA256, 8 digits", seed32, "68084774", 1111111109, Options{Digits: 8, Algorithm: SHA256}, true},
		{"SHA512, 8 digits", seed64, "25091201", 1111111109, Options{Digits: 8, Algorithm: SHA512}, true},
		{"SHA256 code checked as SHA1", seed32, "68084774", 1111111109, Options{Digits: 8}, false},
		{"SHA1 code checked as SHA512", seed20, "07081804", 1111111109, Options{Digits: 8, Algorithm: SHA512}, false},
		{"8-digit code with default 6 digits", seed20, "07081804", 1111111109, Options{}, false},
		{"its last 6 digits with default options", seed20, "081804", 1111111109, Options{}, true},
		{"its last 6 digits when 8 are configured", seed20, "081804", 1111111109, Options{Digits: 8}, false},
		{"7 digits", seed20, "7359152", 60, Options{Digits: 7}, true},
		{"1 s period", seed20, "162583", 7, Options{Period: time.Second}, true},
		{"the first second of the epoch", seed20, "755224", 0, Options{}, true},
		// A 60-second period: t=59 is step 0, t=60 step 1.
		{"60 s period, step 0", seed20, "755224", 59, Options{Period: time.Minute}, true},
		{"60 s period, step 1", seed20, "287082", 60, Options{Period: time.Minute}, true},
		{"60 s period, the 30 s step's code", seed20, "287082", 59, Options{Period: time.Minute}, false},
		{"60 s period, skew 1 reaches step 0", seed20, "755224", 60, Options{Period: time.Minute, Skew: 1}, true},
		{"60 s period, skew 1 stops at step 2", seed20, "969429", 60, Options{Period: time.Minute, Skew: 1}, false},
		// Invalid parameters accept nothing, not even the code they would give.
		{"empty secret", nil, "287082", 59, Options{}, false},
		{"5 digits", seed20, "87082", 59, Options{Digits: 5}, false},
		{"9 digits", seed20, "094287082", 59, Options{Digits: 9}, false},
		{"unknown algorithm", seed20, "287082", 59, Options{Algorithm: Algorithm(7)}, false},
		{"sub-second period", seed20, "287082", 59, Options{Period: 500 * time.Millisecond}, false},
		{"before the epoch", seed20, "755224", -1, Options{Skew: 1}, false},
		{"negative skew", seed20, "287082", 59, Options{Skew: -1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Validate(tc.secret, tc.code, time.Unix(tc.unix, 0), tc.opts); got != tc.want {
				t.Errorf("Validate(secret, %q, unix %d, %+v) = %v, want %v", tc.code, tc.unix, tc.opts, got, tc.want)
			}
		})
	}
}

func TestValidateSkewBounds(t *testing.T) {
	code := func(step int64) string {
		c, err := HOTP(seed20, uint64(step), 6, SHA1)
		if err != nil {
			t.Fatalf("HOTP(seed, %d, 6, SHA1): %v", step, err)
		}
		return c
	}
	const now = 37037037 // the step of unix time 1111111111
	for _, tc := range []struct {
		name       string
		atStep     int64
		codeOfStep int64
		skew       int
		want       bool
	}{
		{"two back with skew 2", now, now - 2, 2, true},
		{"three back with skew 2", now, now - 3, 2, false},
		{"two ahead with skew 2", now, now + 2, 2, true},
		{"three ahead with skew 2", now, now + 3, 2, false},
		{"next without skew", now, now + 1, 0, false},
		{"two ahead with skew 1", now, now + 2, 1, false},
		// Near step 0 the window is cut off, not wrapped around.
		{"step 0 from step 1, skew 1", 1, 0, 1, true},
		{"step 0 from step 1, skew 2", 1, 0, 2, true},
		{"step 1 from step 0, skew 1", 0, 1, 1, true},
		{"step 0 from step 2, skew 1", 2, 0, 1, false},
		// The step before 0 does not exist: it must not wrap to 2^64-1.
		{"step 2^64-1 from step 0, skew 1", 0, -1, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := time.Unix(tc.atStep*30+7, 0)
			if got := Validate(seed20, code(tc.codeOfStep), at, Options{Skew: tc.skew}); got != tc.want {
				t.Errorf("Validate(code of step %d, at step %d, skew %d) = %v, want %v", tc.codeOfStep, tc.atStep, tc.skew, got, tc.want)
			}
		})
	}
}
