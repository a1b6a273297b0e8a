package main

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/secure/precis"
	"golang.org/x/text/unicode/norm"
)

// Normalizers run BEFORE validation: rules then see one canonical form, and
// storage gets it too. "Ｃafé " and "Café" must not become two usernames.

// normalizeText puts one line of free text (a title, a name, a tag) in
// canonical form with the PRECIS OpaqueString profile of RFC 8265 §4.2
// (golang.org/x/text/secure/precis): Unicode NFC, and every Unicode space
// (no-break, em space…) mapped to U+0020. Runs of spaces are then collapsed
// and the ends trimmed. Text the profile disallows — control characters
// such as NUL, ESC, a tab or a line break — is refused, not cleaned: a
// title with a NUL in it is a client bug worth reporting. (Exercise 2
// takes the other side of that trade-off and drops such characters.)
func normalizeText(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	out, err := precis.OpaqueString.String(s)
	if err != nil || strings.ContainsRune(out, utf8.RuneError) {
		// encoding/json has already turned invalid UTF-8 into U+FFFD.
		return "", errText
	}
	return strings.Join(strings.Fields(out), " "), nil
}

var errText = errors.New("must be one line of text without control characters")

// normalizeField normalizes *s in place with normalizeText, or records why not.
func normalizeField(field string, s *string, errs *[]fieldError) {
	out, err := normalizeText(*s)
	if err != nil {
		*errs = append(*errs, fieldError{Field: field, Code: "text", Message: err.Error()})
		return
	}
	*s = out
}

// normalizeEmail trims and applies NFC, and puts the DOMAIN in the ASCII
// form DNS uses, with the IDNA lookup profile of golang.org/x/net/idna
// (UTS #46 mapping: lowercase, width-folded, then Punycode):
// "Bob@Bücher.DE" becomes "Bob@xn--bcher-kva.de", the one spelling two
// clients can compare. The local part keeps its case: RFC 5321 §2.4 lets
// the receiving server treat "Bob" and "bob" as different mailboxes. A
// domain IDNA refuses is left as it came, for the `email` rule to reject.
func normalizeEmail(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return s // not an address at all; the `email` rule will say so
	}
	domain, err := idna.Lookup.ToASCII(s[at+1:])
	if err != nil {
		return s
	}
	return s[:at+1] + domain
}

// dateLayouts are the dates the API accepts: RFC 3339 with its offset, or
// a calendar date, taken as midnight UTC. Anything else — "4 Mar 2025",
// "03/04/2025" (March in the US, April in Europe) — is refused: an API
// that names one format gets clients that send it. (Exercise 2 is the
// lenient, many-layout normalizer a form handler needs.)
var dateLayouts = []string{time.RFC3339Nano, time.DateOnly}

var errDate = errors.New("must be an RFC 3339 date-time such as 2025-03-04T10:00:00Z, or a date such as 2025-03-04")

// normalizeDate parses an accepted layout and returns RFC 3339 in UTC.
func normalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.RFC3339), nil
		}
	}
	return "", errDate
}

var errDuration = errors.New(`must be a duration such as "90s", "45m" or "1h30m"`)

// parseSeconds converts a duration with units to whole seconds, the one
// base unit it is stored in. time.ParseDuration reads the units (ns, us,
// ms, s, m, h, combined as in "1h30m"); the rules here are the API's: not
// negative, at most a day, whole seconds.
func parseSeconds(s string) (int64, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d < 0 || d > 24*time.Hour || d%time.Second != 0 {
		return 0, errDuration
	}
	return int64(d / time.Second), nil
}

// slugMaxLen is the longest slug slugify returns, in bytes.
const slugMaxLen = 64

// slugify derives a slug from a title: decompose (NFKD), drop the accents,
// lowercase, and join the remaining ASCII letter/digit runs with hyphens.
// "Crème Brûlée: 10 Tips!" becomes "creme-brulee-10-tips". A title with no
// ASCII letter or digit ("!!!", "日本語") has no slug: slugify returns "".
//
// This is the chapter's teaching copy of workbook/serve/slug.Make, the one
// every other chapter uses; TestSlugifyMatchesServeSlug keeps them equal.
func slugify(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining mark: the accent NFKD split off a letter
		case r == 'ß': // no decomposition, but a well-known spelling
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteString("ss")
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
	if len(s) > slugMaxLen {
		s = s[:slugMaxLen]
		if i := strings.LastIndexByte(s, '-'); i > slugMaxLen/2 {
			s = s[:i] // end on a whole word when one is not too far back
		}
		s = strings.TrimRight(s, "-")
	}
	return s
}
