package conduit

import "testing"

func TestForbiddenRune(t *testing.T) {
	for _, tc := range []struct {
		s         string
		multiline bool
		want      rune
		bad       bool
	}{
		{"plain text, émoji 🐉", false, 0, false},
		{"a\x00b", true, 0, true},
		{"tab\there", true, 0, false},
		{"tab\there", false, '\t', true},
		{"line\r\nbreak", true, 0, false},
		{"del\x7f", true, 0x7f, true},
		{"c1\u0085", true, 0x85, true},
		{"last\u009f", true, 0x9f, true},
		{"\u00a0no-break space is fine", false, 0, false},
		{"rlo\u202e", false, 0x202e, true},
		{"lre\u202a", false, 0x202a, true},
		{"pdi\u2069", false, 0x2069, true},
		{"lri\u2066", false, 0x2066, true},
		{"zwj\u200d and \u2065 are fine", false, 0, false},
		{"\u202f narrow space is fine", false, 0, false},
		{"\u001f", true, 0x1f, true},
		{" space", false, 0, false},
	} {
		r, bad := forbiddenRune(tc.s, tc.multiline)
		if bad != tc.bad || (tc.want != 0 && r != tc.want) {
			t.Errorf("forbiddenRune(%q, multiline %v) = %U, %v; want %U, %v", tc.s, tc.multiline, r, bad, tc.want, tc.bad)
		}
	}
	if got := runeName(0x202e); got != "U+202E" {
		t.Errorf("runeName(0x202e) = %q, want U+202E", got)
	}
}
