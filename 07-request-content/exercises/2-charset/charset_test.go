package charset

import (
	"errors"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name, contentType, body, want string
	}{
		{"no charset means utf-8", "text/plain", "café €", "café €"},
		{"utf-8", "text/plain; charset=utf-8", "naïve", "naïve"},
		{"utf-8 upper case", "text/plain; charset=UTF-8", "ok", "ok"},
		{"utf8 alias", "text/plain;charset=utf8", "ok", "ok"},
		{"quoted", `text/plain; charset="utf-8"`, "ok", "ok"},
		{"utf-8 bom dropped", "text/plain; charset=utf-8", "\xef\xbb\xbfhello", "hello"},
		{"empty body", "text/plain", "", ""},
		{"ascii", "text/plain; charset=us-ascii", "plain", "plain"},
		{"latin-1", "text/plain; charset=ISO-8859-1", "caf\xe9", "café"},
		{"latin1 alias", "text/plain; charset=latin1", "\xc5ngstr\xf6m", "Ångström"},
		{"latin-1 0x80 is a C1 control", "text/plain; charset=iso-8859-1", "\x80\x9f", "\u0080\u009f"},
		{"latin-1 0xff", "text/plain; charset=iso_8859-1", "\xff", "ÿ"},
		{"windows-1252 euro and quotes", "text/plain; charset=windows-1252", "\x80 \x93hi\x94 \x85", "€ “hi” …"},
		{"cp1252 alias", "text/plain; charset=CP1252", "\x99", "™"},
		{"utf-16 LE bom", "text/plain; charset=utf-16", "\xff\xfeh\x00\xe9\x00", "hé"},
		{"utf-16 BE bom", "text/plain; charset=UTF-16", "\xfe\xff\x00h\x00\xe9", "hé"},
		{"utf-16 no bom is big-endian", "text/plain; charset=utf-16", "\x00h\x00i", "hi"},
		{"utf-16le", "text/plain; charset=utf-16le", "h\x00i\x00", "hi"},
		{"utf-16be", "text/plain; charset=utf-16be", "\x00h\x00i", "hi"},
		{"utf-16 surrogate pair", "text/plain; charset=utf-16be", "\xd8\x3d\xde\x00", "😀"},
		{"utf-16 real U+FFFD", "text/plain; charset=utf-16be", "\xff\xfd", "\ufffd"},
		{"other media types work too", "application/x-custom; charset=latin1", "\xe9", "é"},
		{"ascii alias, DEL is ASCII", "text/plain; charset=ASCII", "~\x7f", "~\x7f"},
		{"ascii keeps control characters", "text/plain; charset=us-ascii", "a\x00\tb\r\n", "a\x00\tb\r\n"},
		{"utf-8 with a real U+FFFD", "text/plain; charset=utf-8", "a\ufffdb", "a\ufffdb"},
		{"latin-1 every byte", "text/plain; charset=latin1", "\x00\x7f\xa0\xbf", "\x00\x7f\u00a0¿"},
		{"latin-1 bytes of a utf-8 bom are characters", "text/plain; charset=latin1", "\xef\xbb\xbf", "ï»¿"},
		{"windows-1252 0x9f and 0xff", "text/plain; charset=windows-1252", "\x9f\xff", "Ÿÿ"},
		{"windows-1252 ascii range", "text/plain; charset=windows-1252", "plain ~", "plain ~"},
		{"utf-16 bom only (LE)", "text/plain; charset=utf-16", "\xff\xfe", ""},
		{"utf-16 bom only (BE)", "text/plain; charset=utf-16", "\xfe\xff", ""},
		{"utf-16 empty", "text/plain; charset=utf-16", "", ""},
		{"utf-16 LE bom, then a surrogate pair", "text/plain; charset=utf-16", "\xff\xfe\x3d\xd8\x00\xde", "😀"},
		{"utf-16le bom dropped", "text/plain; charset=utf-16le", "\xff\xfeh\x00", "h"},
		{"utf-16be bom dropped", "text/plain; charset=utf-16be", "\xfe\xff\x00h", "h"},
		{"utf-16le is not big-endian", "text/plain; charset=UTF-16LE", "\x00h", "\u6800"},
		{"utf-16 first and last surrogates", "text/plain; charset=utf-16be", "\xd8\x00\xdc\x00\xdb\xff\xdf\xff", "\U00010000\U0010ffff"},
		{"utf-16 just below and above the surrogates", "text/plain; charset=utf-16be", "\xd7\xff\xe0\x00", "\ud7ff\ue000"},
		{"utf-16 pair then text", "text/plain; charset=utf-16be", "\xd8\x3d\xde\x00\x00!", "😀!"},
		// Only FE FF and FF FE are byte order marks; their neighbours are text.
		{"utf-16 FF FF is not a bom", "text/plain; charset=utf-16", "\xff\xff\x00h", "\uffffh"},
		{"utf-16 FE FE is not a bom", "text/plain; charset=utf-16", "\xfe\xfe\x00h", "\ufefeh"},
		{"utf-16 FD FF is not a bom", "text/plain; charset=utf-16", "\xfd\xff\x00h", "\ufdffh"},
		{"utf-16 FE 00 is not a bom", "text/plain; charset=utf-16", "\xfe\x00\x00h", "\ufe00h"},
		{"utf-16 00 FF is not a bom", "text/plain; charset=utf-16", "\x00\xff\x00h", "ÿh"},
		{"utf-16 FF FD is not a bom", "text/plain; charset=utf-16", "\xff\xfd\x00h", "\ufffdh"},
		{"utf-16 FE FF in the middle is kept", "text/plain; charset=utf-16be", "\x00h\xfe\xff", "h\ufeff"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode([]byte(tc.body), tc.contentType)
			if err != nil || got != tc.want {
				t.Errorf("Decode(%q, %q) = %q, %v, want %q", tc.body, tc.contentType, got, err, tc.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		want                    error
	}{
		{"invalid utf-8", "text/plain; charset=utf-8", "caf\xe9", ErrInvalidText},
		{"invalid utf-8 by default", "text/plain", "\xff\xfe", ErrInvalidText},
		{"overlong utf-8", "text/plain", "\xc0\xaf", ErrInvalidText},
		{"non-ascii in ascii", "text/plain; charset=us-ascii", "caf\xe9", ErrInvalidText},
		{"odd utf-16", "text/plain; charset=utf-16le", "h\x00i", ErrInvalidText},
		{"lone high surrogate", "text/plain; charset=utf-16be", "\xd8\x3d\x00h", ErrInvalidText},
		{"lone low surrogate", "text/plain; charset=utf-16be", "\xde\x00", ErrInvalidText},
		{"surrogate at the end", "text/plain; charset=utf-16le", "h\x00\x3d\xd8", ErrInvalidText},
		{"unknown charset", "text/plain; charset=klingon", "x", ErrUnsupportedCharset},
		{"shift_jis is not on our list", "text/plain; charset=Shift_JIS", "x", ErrUnsupportedCharset},
		{"bad content type", "text/plain; charset", "x", ErrBadContentType},
		{"empty content type", "", "x", ErrBadContentType},
		{"0x80 is not ascii", "text/plain; charset=ascii", "\x80", ErrInvalidText},
		{"0xff is not ascii", "text/plain; charset=us-ascii", "ok\xff", ErrInvalidText},
		{"truncated utf-8", "text/plain; charset=utf8", "caf\xc3", ErrInvalidText},
		{"utf-8 surrogate", "text/plain", "\xed\xa0\x80", ErrInvalidText},
		{"windows-1252 undefined 0x81", "text/plain; charset=windows-1252", "a\x81b", ErrInvalidText},
		{"windows-1252 undefined 0x8d", "text/plain; charset=cp1252", "\x8d", ErrInvalidText},
		{"windows-1252 undefined 0x8f", "text/plain; charset=windows-1252", "\x8f", ErrInvalidText},
		{"windows-1252 undefined 0x90", "text/plain; charset=windows-1252", "\x90", ErrInvalidText},
		{"windows-1252 undefined 0x9d", "text/plain; charset=windows-1252", "\x9d", ErrInvalidText},
		{"odd utf-16 with a bom", "text/plain; charset=utf-16", "\xff\xfeh", ErrInvalidText},
		{"one byte of utf-16", "text/plain; charset=utf-16be", "h", ErrInvalidText},
		{"two low surrogates", "text/plain; charset=utf-16be", "\xdc\x00\xdc\x00", ErrInvalidText},
		{"lone last low surrogate", "text/plain; charset=utf-16be", "\xdf\xff", ErrInvalidText},
		{"high surrogate then high surrogate", "text/plain; charset=utf-16be", "\xd8\x3d\xdb\xff", ErrInvalidText},
		{"high surrogate then U+E000", "text/plain; charset=utf-16be", "\xdb\xff\xe0\x00", ErrInvalidText},
		{"high surrogate then U+D7FF", "text/plain; charset=utf-16be", "\xd8\x00\xd7\xff", ErrInvalidText},
		{"lone high surrogate after a bom", "text/plain; charset=utf-16", "\xff\xfe\x3d\xd8", ErrInvalidText},
		{"utf-32 is not on our list", "text/plain; charset=utf-32", "\x00\x00\x00h", ErrUnsupportedCharset},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode([]byte(tc.body), tc.contentType)
			if !errors.Is(err, tc.want) {
				t.Errorf("Decode(%q, %q) = %q, %v, want an error wrapping %v", tc.body, tc.contentType, got, err, tc.want)
			}
		})
	}
}
