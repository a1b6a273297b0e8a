//go:build !solution

package charset

import "errors"

// This file is the stub you replace (not implemented: edit exercises/2-charset/charset.go).

// Decode returns body as a UTF-8 string, decoded from the charset parameter
// of contentType (for example "text/plain; charset=ISO-8859-1").
//
// Supported charsets, matched case-insensitively, with their aliases:
//
//	utf-8        (utf8)                 the default when there is no charset
//	us-ascii     (ascii)                bytes above 0x7F are invalid
//	iso-8859-1   (latin1, iso_8859-1)   every byte is the code point of equal value
//	windows-1252 (cp1252)               like latin1, but 0x80–0x9F are € ‚ ƒ „ … and friends
//	                                    (0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined: invalid)
//	utf-16                              a BOM picks the byte order; without one, big-endian
//	utf-16be, utf-16le                  fixed byte order
//
// A leading byte order mark is removed from the result. Invalid input
// (malformed UTF-8, a non-ASCII byte in us-ascii, an odd number of bytes or
// an unpaired surrogate in UTF-16) returns an error wrapping ErrInvalidText:
// never guess, never substitute U+FFFD silently. Other charsets return
// ErrUnsupportedCharset; an unparsable contentType returns ErrBadContentType.
func Decode(body []byte, contentType string) (string, error) {
	return "", errNotImplemented
}

var errNotImplemented = errors.New("not implemented: edit exercises/2-charset/charset.go")
