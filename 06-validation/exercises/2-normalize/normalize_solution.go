//go:build solution

package normalize

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Text returns s in NFC, without control characters, with white space collapsed.
func Text(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsSpace(r):
			space = true
		case unicode.IsControl(r):
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

// Email trims, applies NFC and lowercases the domain.
func Email(s string) (string, error) {
	s = norm.NFC.String(strings.TrimSpace(s))
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return "", fmt.Errorf("email %q needs a local part, an @ and a domain: %w", s, ErrInvalid)
	}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return "", fmt.Errorf("email %q contains white space: %w", s, ErrInvalid)
	}
	return s[:at+1] + strings.ToLower(s[at+1:]), nil
}

var layouts = []struct {
	layout string
	zoned  bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02", false},
	{time.RFC1123Z, true},
	{"2 Jan 2006", false},
	{"January 2, 2006", false},
}

// Date parses any accepted layout and returns RFC 3339 in UTC.
func Date(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		loc := time.UTC
		var t time.Time
		var err error
		if l.zoned {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err == nil {
			return t.UTC().Format(time.RFC3339), nil
		}
	}
	return "", fmt.Errorf("date %q is not in an accepted layout: %w", s, ErrInvalid)
}

var (
	quantity = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)$`)
	gramsPer = map[string]float64{
		"mg": 0.001, "g": 1, "kg": 1000, "oz": 28.349523125, "lb": 453.59237, "lbs": 453.59237,
	}
)

// Grams converts a weight with a unit to whole grams.
func Grams(s string) (int64, error) {
	m := quantity.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("weight %q is not a number and a unit: %w", s, ErrInvalid)
	}
	factor, ok := gramsPer[strings.ToLower(m[2])]
	if !ok {
		return 0, fmt.Errorf("weight %q has unknown unit %q: %w", s, m[2], ErrInvalid)
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("weight %q: %w", s, ErrInvalid)
	}
	g := math.Round(n * factor)
	if g > 1e12 {
		return 0, fmt.Errorf("weight %q is too large: %w", s, ErrInvalid)
	}
	return int64(g), nil
}
