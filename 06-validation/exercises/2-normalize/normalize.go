//go:build !solution

package normalize

import "errors"

// This file is the stub you replace (not implemented: edit exercises/2-normalize/normalize.go).

// Text returns s in Unicode NFC with control characters removed, every run
// of white space collapsed to one ASCII space, and no leading or trailing
// space.
func Text(s string) string {
	return ""
}

// Email trims s, applies NFC, and lowercases the domain (after the LAST
// "@"). The local part keeps its case. It returns an error wrapping
// ErrInvalid when there is no "@", the local part or domain is empty, or the
// address contains white space.
func Email(s string) (string, error) {
	return "", errNotImplemented
}

// Date parses s in any of these layouts and returns it as RFC 3339 in UTC
// ("2025-03-04T09:00:00Z"); values without a zone are taken as UTC:
//
//	2006-01-02T15:04:05Z07:00 (RFC 3339, fractional seconds allowed and dropped)
//	2006-01-02T15:04:05
//	2006-01-02 15:04:05
//	2006-01-02
//	Mon, 02 Jan 2006 15:04:05 -0700 (RFC 1123 with numeric zone)
//	2 Jan 2006
//	January 2, 2006
//
// Anything else, including ambiguous slash dates like "03/04/2025", returns
// an error wrapping ErrInvalid.
func Date(s string) (string, error) {
	return "", errNotImplemented
}

// Grams converts a weight such as "1.5kg", "1500 g", "12 oz" or "2 lb" to
// whole grams, rounding half away from zero. Units are mg, g, kg, oz
// (28.349523125 g), lb and lbs (453.59237 g), case-insensitive, with optional
// space before the unit and around the whole. A missing number or unit, a
// sign, a comma decimal, an unknown unit or a result above 1e12 g returns an
// error wrapping ErrInvalid.
func Grams(s string) (int64, error) {
	return 0, errNotImplemented
}

var errNotImplemented = errors.New("not implemented: edit exercises/2-normalize/normalize.go")
