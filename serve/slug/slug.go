// Package slug turns titles into URL path segments, the same way in every
// chapter: "Crème Brûlée: 10 Tips!" becomes "creme-brulee-10-tips".
//
// Chapter 06 (validation and transformation) explains each step: Unicode
// compatibility decomposition (NFKD) splits "è" into "e" and a combining
// grave accent, the accents (category Mn) are dropped, what remains is
// lowercased, and every run of anything that is not an ASCII letter or digit
// becomes one hyphen, never leading or trailing (ß, which has no
// decomposition, is spelt "ss"). The result is cut at
// MaxLen bytes on a word boundary where possible.
//
// A title with no ASCII letter or digit at all (“!!!”, “日本”) has no slug:
// Make returns "" and the caller rejects the title with a 422 saying so,
// rather than inventing one. The capstone keeps non-ASCII letters, as the
// RealWorld spec's examples do, and says so in its own Slugify.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug Make returns, in bytes.
const MaxLen = 64

// Make returns the slug of title, or "" when title has no ASCII letter or
// digit.
func Make(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r): // the accent NFKD split off a letter
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
	if len(s) > MaxLen {
		s = s[:MaxLen]
		if i := strings.LastIndexByte(s, '-'); i > MaxLen/2 {
			s = s[:i] // end on a whole word when one is not too far back
		}
		s = strings.TrimRight(s, "-")
	}
	return s
}
