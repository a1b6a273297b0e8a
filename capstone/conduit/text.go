package conduit

import "fmt"

// forbiddenRune returns the first character of s that no field may hold,
// and whether there is one. NUL cannot be stored in a PostgreSQL text value
// at all (SQLSTATE 22021), so accepting it would make the two stores
// disagree; the other C0 and C1 controls and the bidirectional overrides
// and isolates let a value display as something it is not — a username
// that reads differently in a log or a terminal, a title that reorders
// itself (the "Trojan Source" trick, CVE-2021-42574). Multi-line fields
// keep tab, line feed and carriage return.
func forbiddenRune(s string, multiline bool) (rune, bool) {
	for _, r := range s {
		switch {
		case multiline && (r == '\t' || r == '\n' || r == '\r'):
		case r < 0x20, r >= 0x7f && r <= 0x9f, // C0 controls, DEL, C1 controls
			r >= 0x202a && r <= 0x202e, // LRE, RLE, PDF, LRO, RLO
			r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
			return r, true
		}
	}
	return 0, false
}

// chars adds a problem when s holds a forbidden character.
func (p *problems) chars(field, s string, multiline bool) {
	if r, ok := forbiddenRune(s, multiline); ok {
		p.add("%s may not contain the control character %s", field, runeName(r))
	}
}

func runeName(r rune) string { return fmt.Sprintf("U+%04X", r) }
