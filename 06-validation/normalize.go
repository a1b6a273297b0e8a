package main

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalizers run BEFORE validation: rules then see one canonical form, and
// storage gets it too. "Ｃafé " and "Café" must not become two usernames.

// normalizeText puts free text in Unicode NFC (one code point for "é" instead
// of "e" + combining accent), drops control characters, collapses runs of
// whitespace to one space and trims the ends. It is a sanitizer for storage
// and comparison; escaping for HTML or SQL still belongs at the output.
func normalizeText(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
		case unicode.IsControl(r), r == unicode.ReplacementChar:
			// Control characters (NUL, ESC, BEL...) and invalid UTF-8 have no place in a title.
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// normalizeEmail trims, applies NFC and lowercases the DOMAIN only. The local
// part is case-sensitive by RFC 5321 (most providers ignore case, but the
// standard lets "Bob" and "bob" be different mailboxes), so we keep it.
func normalizeEmail(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return s // not an address at all; the `email` rule will say so
	}
	return s[:at+1] + strings.ToLower(s[at+1:])
}

// dateLayouts are the shapes of date we accept, most precise first. Slash
// dates ("03/04/2025") are refused on purpose: March 4th or 3 April?
var dateLayouts = []struct {
	layout string
	hasTZ  bool
}{
	{time.RFC3339Nano, true}, // 2025-03-04T10:00:00.5+01:00 (also plain RFC 3339)
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02", false},
	{time.RFC1123Z, true}, // Tue, 04 Mar 2025 10:00:00 +0100
	{time.RFC1123, true},  // Tue, 04 Mar 2025 10:00:00 GMT
	{"2 Jan 2006", false},
	{"January 2, 2006", false},
}

var errDate = errors.New("must be a date such as 2025-03-04, 2025-03-04T10:00:00Z or 4 Mar 2025")

// normalizeDate parses any accepted layout and returns RFC 3339 in UTC.
// Inputs without a zone are taken as UTC: say so in your API docs.
func normalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		var t time.Time
		var err error
		if l.hasTZ {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, time.UTC)
		}
		if err == nil {
			return t.UTC().Format(time.RFC3339), nil
		}
	}
	return "", errDate
}

// gramsPer maps a unit to how many grams one of it is.
var gramsPer = map[string]float64{
	"mg": 0.001, "g": 1, "kg": 1000,
	"oz": 28.349523125, "lb": 453.59237, "lbs": 453.59237,
}

var quantityPattern = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]+)$`)

var errWeight = errors.New(`must be a weight such as "1.5kg", "1500 g", "12 oz" or "2 lb"`)

// parseGrams converts a weight with a unit to whole grams, rounding half away
// from zero. Storing one unit (grams, as an integer) is the point: arithmetic
// and comparisons stay exact, and display converts back.
func parseGrams(s string) (int64, error) {
	m := quantityPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, errWeight
	}
	factor, ok := gramsPer[strings.ToLower(m[2])]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q: %w", m[2], errWeight)
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, errWeight
	}
	g := math.Round(n * factor)
	if g > 1e12 { // a million tonnes: surely a typo, and far from int64 overflow
		return 0, errors.New("must be at most 1000000 t")
	}
	return int64(g), nil
}

// slugify derives a slug from a title: decompose (NFKD), drop the accents,
// lowercase, and join the remaining letter/digit runs with hyphens.
// "Crème Brûlée: 10 Tips!" becomes "creme-brulee-10-tips".
func slugify(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining mark: the accent of an accented letter
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > 64 {
		s = strings.TrimRight(s[:64], "-")
	}
	return s
}
