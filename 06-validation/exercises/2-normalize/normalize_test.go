package normalize

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  hello  ", "hello"},
		{"Cafe\u0301", "Café"},        // e + COMBINING ACUTE becomes U+00E9
		{"\u212b", "\u00c5"},          // ANGSTROM SIGN becomes A WITH RING ABOVE
		{"ﬁ", "ﬁ"},                    // a ligature is NOT folded: that is NFKC, not NFC
		{"a\t\r\n  b", "a b"},         // any run of white space is one space
		{"no\u00a0break", "no break"}, // NO-BREAK SPACE is white space too
		{"bell\a nul\x00 esc\x1b", "bell nul esc"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEmail(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{" Alice@Example.COM ", "Alice@example.com"},
		{"bob@EXAMPLE.org", "bob@example.org"},
		{"\"odd@local\"@Example.NET", "\"odd@local\"@example.net"}, // split at the LAST @
		{"jose\u0301@BU\u0308CHER.de", "josé@bücher.de"},           // NFC, then a Unicode lowercase domain
		{"no-at-sign", ""},
		{"@example.com", ""},
		{"alice@", ""},
		{"a@Example.COM", "a@example.com"}, // a one-character local part is fine
		{"Ann@x", "Ann@x"},                 // and so is a one-character domain
		{"al ice@example.com", ""},
		{"ann@exa mple.com", ""},
		{"ann@example.com\u00a0x", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, err := Email(tc.in)
		if tc.want == "" {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Email(%q) = %q, %v, want an error wrapping ErrInvalid", tc.in, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Email(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-03-04T10:00:00Z", "2025-03-04T10:00:00Z"},
		{"2025-03-04T10:00:00+01:00", "2025-03-04T09:00:00Z"},
		{"2025-03-04T10:00:00.987654321-05:30", "2025-03-04T15:30:00Z"},
		{"2025-03-04T10:00:00", "2025-03-04T10:00:00Z"},
		{"2025-03-04 10:00:00", "2025-03-04T10:00:00Z"},
		{"2025-03-04", "2025-03-04T00:00:00Z"},
		{"  2025-03-04  ", "2025-03-04T00:00:00Z"},
		{"Tue, 04 Mar 2025 10:00:00 +0100", "2025-03-04T09:00:00Z"},
		{"4 Mar 2025", "2025-03-04T00:00:00Z"},
		{"March 4, 2025", "2025-03-04T00:00:00Z"},
		{"2024-02-29", "2024-02-29T00:00:00Z"},
		// Rejected:
		{"03/04/2025", ""}, // March 4th or 3 April? Never guess.
		{"2025-02-29", ""}, // not a leap year
		{"2025-13-01", ""},
		{"yesterday", ""},
		{"1741082400", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, err := Date(tc.in)
		if tc.want == "" {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Date(%q) = %q, %v, want an error wrapping ErrInvalid", tc.in, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Date(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestGrams(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"1.5kg", 1500},
		{"1500 g", 1500},
		{"1500g", 1500},
		{" 3 KG ", 3000},
		{"0.0005 kg", 1}, // 0.5 g rounds half away from zero
		{"250 mg", 0},
		{"1500 mg", 2},
		{"16oz", 454},  // 453.59237
		{"2 lb", 907},  // 907.18474
		{"1 lbs", 454}, // 453.59237
		{"0 g", 0},
		{"1000000000 kg", 1_000_000_000_000},
	}
	for _, tc := range tests {
		got, err := Grams(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Grams(%q) = %d, %v, want %d", tc.in, got, err, tc.want)
		}
	}

	for _, bad := range []string{"", "kg", "12", "1,5 kg", "-1 kg", "+1 kg", "1.5 stone", "1e3 g", "1000000001 kg", "1.5 k g",
		"1000000000001 g", "1" + strings.Repeat("0", 400) + " g", // beyond float64: still ErrInvalid, never 0 or a panic
	} {
		t.Run(fmt.Sprintf("%.20q", bad), func(t *testing.T) {
			if got, err := Grams(bad); got != 0 || !errors.Is(err, ErrInvalid) {
				t.Errorf("Grams(%.40q) = %d, %v, want 0 and an error wrapping ErrInvalid", bad, got, err)
			}
		})
	}
	// The error for an unknown unit says which unit it did not know.
	if _, err := Grams("3 stone"); err == nil || !strings.Contains(err.Error(), "stone") {
		t.Errorf("Grams(%q) error = %v, want one that names the unit %q", "3 stone", err, "stone")
	}
}
