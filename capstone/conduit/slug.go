package conduit

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify turns a title into a URL path segment: lowercase letters and digits
// joined by single dashes ("How to train your dragon" → "how-to-train-your-dragon").
// Accents are dropped; a title with no letters or digits gives "article".
func Slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent left over by NFKD
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
		if b.Len() >= 96 {
			break
		}
	}
	if b.Len() == 0 {
		return "article"
	}
	return b.String()
}
