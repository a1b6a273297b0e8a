package main

import (
	"net/http"
	"testing"
	"time"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  hello  ", "hello"},
		{"Cafe\u0301", "Café"}, // decomposed é becomes one code point
		{"a\t\n  b", "a b"},
		{"bell\a and nul\x00", "bell and nul"},
		{"bad \xff utf8", "bad utf8"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := normalizeText(tc.in); got != tc.want {
			t.Errorf("normalizeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{" Alice@Example.COM ", "Alice@example.com"},
		{"weird@local@EXAMPLE.org", "weird@local@example.org"},
		{"no-at-sign", "no-at-sign"},
	}
	for _, tc := range tests {
		if got := normalizeEmail(tc.in); got != tc.want {
			t.Errorf("normalizeEmail(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-03-04T10:00:00+01:00", "2025-03-04T09:00:00Z"},
		{"2025-03-04T10:00:00.123Z", "2025-03-04T10:00:00Z"},
		{"2025-03-04T10:00:00", "2025-03-04T10:00:00Z"},
		{"2025-03-04 10:00:00", "2025-03-04T10:00:00Z"},
		{"2025-03-04", "2025-03-04T00:00:00Z"},
		{"Tue, 04 Mar 2025 10:00:00 +0100", "2025-03-04T09:00:00Z"},
		{"4 Mar 2025", "2025-03-04T00:00:00Z"},
		{"March 4, 2025", "2025-03-04T00:00:00Z"},
		{"03/04/2025", ""},
		{"2025-02-30", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, err := normalizeDate(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("normalizeDate(%q) = %q, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("normalizeDate(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestParseGrams(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1.5kg", 1500, true},
		{"1500 g", 1500, true},
		{"1500g", 1500, true},
		{"2 lb", 907, true},
		{"16oz", 454, true},
		{"250 mg", 0, true},
		{"500 mg", 1, true},
		{" 3 KG ", 3000, true},
		{"1,5 kg", 0, false},
		{"-1 kg", 0, false},
		{"kg", 0, false},
		{"12 stone", 0, false},
		{"1e9 kg", 0, false},
		{"99999999999999 kg", 0, false},
	}
	for _, tc := range tests {
		got, err := parseGrams(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseGrams(%q) = %d, %v, want %d (ok=%v)", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello, World", "hello-world"},
		{"Crème Brûlée: 10 Tips!", "creme-brulee-10-tips"},
		{"  --Go--  ", "go"},
		{"日本語", ""},
	}
	for _, tc := range tests {
		if got := slugify(tc.in); got != tc.want {
			t.Errorf("slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeEndpoint(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	rec := post(t, s, "/normalize", "application/json",
		`{"email":" Bob@Example.COM","text":"Cafe\u0301\t au  lait","date":"4 Mar 2025","weight":"1.5kg"}`)
	want := `{
  "email": "Bob@example.com",
  "text": "Café au lait",
  "date": "2025-03-04T00:00:00Z",
  "grams": 1500
}
`
	if rec.Code != http.StatusOK || rec.Body.String() != want {
		t.Errorf("POST /normalize = %d %s, want 200 %s", rec.Code, rec.Body, want)
	}

	rec = post(t, s, "/normalize", "application/json", `{"date":"03/04/2025","weight":"12 stone"}`)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("POST /normalize with bad date and weight = %d, want 422", rec.Code)
	}
	if got, want := pairs(decodeErrors(t, rec)), "date:date weight:weight"; got != want {
		t.Errorf("POST /normalize errors = %q, want %q", got, want)
	}
}
