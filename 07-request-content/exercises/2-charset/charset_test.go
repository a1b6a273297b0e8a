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
	}
	for _, tc := range tests {
		got, err := Decode([]byte(tc.body), tc.contentType)
		if err != nil || got != tc.want {
			t.Errorf("%s: Decode(%q, %q) = %q, %v, want %q", tc.name, tc.body, tc.contentType, got, err, tc.want)
		}
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
	}
	for _, tc := range tests {
		got, err := Decode([]byte(tc.body), tc.contentType)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: Decode(%q, %q) = %q, %v, want an error wrapping %v", tc.name, tc.body, tc.contentType, got, err, tc.want)
		}
	}
}
