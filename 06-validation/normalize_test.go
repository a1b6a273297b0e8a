package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"workbook/serve/slug"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"trimmed", "  hello  ", "hello", true},
		{"NFC", "Cafe\u0301", "Café", true}, // decomposed é becomes one code point
		{"Unicode spaces collapsed", "a\u00a0\u2003 b", "a b", true},
		{"ligature kept (NFC, not NFKC)", "ﬁle", "ﬁle", true},
		{"empty", "", "", true},
		{"tab refused", "a\tb", "", false},
		{"line break refused", "a\nb", "", false},
		{"NUL refused", "nul\x00", "", false},
		{"invalid UTF-8 refused", "bad \ufffd utf8", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := normalizeText(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("normalizeText(%q) = %q, %v; want %q (ok=%v)", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{" Alice@Example.COM ", "Alice@example.com"},
		{"weird@local@EXAMPLE.org", "weird@local@example.org"},
		{"Bob@Bücher.DE", "Bob@xn--bcher-kva.de"},
		{"no-at-sign", "no-at-sign"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := normalizeEmail(tc.in); got != tc.want {
				t.Errorf("normalizeEmail(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-03-04T10:00:00+01:00", "2025-03-04T09:00:00Z"},
		{"2025-03-04T10:00:00.123Z", "2025-03-04T10:00:00Z"},
		{" 2025-03-04 ", "2025-03-04T00:00:00Z"},
		{"2025-03-04T10:00:00", ""}, // no offset: which zone?
		{"4 Mar 2025", ""},
		{"03/04/2025", ""},
		{"2025-02-30", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := normalizeDate(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Errorf("normalizeDate(%q) = %q, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("normalizeDate(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseSeconds(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"90s", 90, true},
		{"45m", 2700, true},
		{" 1h30m ", 5400, true},
		{"1500ms", 0, false}, // not whole seconds
		{"-1s", 0, false},
		{"25h", 0, false},
		{"90", 0, false}, // no unit
		{"2 fortnights", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSeconds(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("parseSeconds(%q) = %d, %v, want %d (ok=%v)", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

// TestSlugifyMatchesServeSlug: the chapter's teaching copy behaves exactly
// like workbook/serve/slug.Make, on serve/slug's own test vectors and more.
func TestSlugifyMatchesServeSlug(t *testing.T) {
	long := strings.Repeat("word ", 20) // 100 bytes
	tests := []struct{ title, want string }{
		{"How to Train Your Dragon", "how-to-train-your-dragon"},
		{"Crème Brûlée: 10 Tips!", "creme-brulee-10-tips"},
		{"  --Hello,   World--  ", "hello-world"},
		{"ﬁle №5", "file-no5"}, // NFKD turns ligatures and № into letters
		{"Straße", "strasse"},  // ß has no decomposition: spelt ss
		{"日本語", ""},
		{"!!!", ""},
		{"", ""},
		{long, strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
		{strings.Repeat("a", 70), strings.Repeat("a", 64)},
		{strings.Repeat("ab-", 30), "ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab"},
	}
	for _, tc := range tests {
		t.Run(tc.title, func(t *testing.T) {
			got, shared := slugify(tc.title), slug.Make(tc.title)
			if got != tc.want || got != shared {
				t.Errorf("slugify(%q) = %q, slug.Make = %q, want %q from both", tc.title, got, shared, tc.want)
			}
		})
	}
}

func TestNormalizeEndpoint(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	rec := post(t, s, "/normalize", "application/json",
		`{"email":" Bob@Bücher.DE","text":"Cafe\u0301\u00a0 au  lait","date":"2025-03-04T10:00:00+01:00","duration":"1h30m"}`)
	want := `{
  "email": "Bob@xn--bcher-kva.de",
  "text": "Café au lait",
  "date": "2025-03-04T09:00:00Z",
  "seconds": 5400
}
`
	if rec.Code != http.StatusOK || rec.Body.String() != want {
		t.Errorf("POST /normalize = %d %s, want 200 %s", rec.Code, rec.Body, want)
	}

	rec = post(t, s, "/normalize", "application/json", `{"date":"03/04/2025","duration":"2 fortnights","text":"tab\there"}`)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("POST /normalize with bad date, duration and text = %d, want 422", rec.Code)
	}
	if got, want := pairs(decodeErrors(t, rec)), "date:date duration:duration text:text"; got != want {
		t.Errorf("POST /normalize errors = %q, want %q", got, want)
	}
}
