//go:build solution

package charset

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"mime"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Decode converts body from its declared charset to UTF-8.
func Decode(body []byte, contentType string) (string, error) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadContentType, err)
	}
	label := strings.ToLower(strings.TrimSpace(params["charset"]))

	var text string
	switch label {
	case "", "utf-8", "utf8":
		if !utf8.Valid(body) {
			return "", fmt.Errorf("%w: not valid UTF-8", ErrInvalidText)
		}
		text = string(body)
	case "us-ascii", "ascii":
		for i, b := range body {
			if b > 0x7F {
				return "", fmt.Errorf("%w: byte 0x%02X at %d is not ASCII", ErrInvalidText, b, i)
			}
		}
		text = string(body)
	case "iso-8859-1", "latin1", "iso_8859-1":
		// Every byte is defined, so the decoder cannot fail.
		out, _ := charmap.ISO8859_1.NewDecoder().Bytes(body)
		text = string(out)
	case "windows-1252", "cp1252":
		// 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in windows-1252, and
		// x/text decodes them to U+FFFD without an error; no defined byte
		// decodes to U+FFFD, so one in the output means the input was bad.
		out, _ := charmap.Windows1252.NewDecoder().Bytes(body)
		if bytes.ContainsRune(out, utf8.RuneError) {
			return "", fmt.Errorf("%w: a byte undefined in windows-1252", ErrInvalidText)
		}
		text = string(out)
	case "utf-16", "utf-16be", "utf-16le":
		text, err = decodeUTF16(body, label)
		if err != nil {
			return "", err
		}
	default:
		return "", fmt.Errorf("%w: %q", ErrUnsupportedCharset, label)
	}
	return strings.TrimPrefix(text, "\uFEFF"), nil
}

// decodeUTF16 checks surrogate pairs itself: utf16.Decode (like most
// decoders) would silently turn a broken pair into U+FFFD.
func decodeUTF16(body []byte, label string) (string, error) {
	if len(body)%2 != 0 {
		return "", fmt.Errorf("%w: odd number of bytes in UTF-16", ErrInvalidText)
	}
	var order binary.ByteOrder = binary.BigEndian
	switch {
	case label == "utf-16le":
		order = binary.LittleEndian
	case label == "utf-16" && bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		order, body = binary.LittleEndian, body[2:]
	}
	// A big-endian BOM (FE FF) needs no case of its own: read big-endian it
	// is U+FEFF, which Decode trims like any leading BOM.
	units := make([]uint16, len(body)/2)
	for i := range units {
		units[i] = order.Uint16(body[2*i:])
	}
	for i := 0; i < len(units); i++ {
		switch u := units[i]; {
		case u >= 0xD800 && u < 0xDC00: // high surrogate: a low one must follow
			if i+1 == len(units) || units[i+1] < 0xDC00 || units[i+1] >= 0xE000 {
				return "", fmt.Errorf("%w: unpaired surrogate in UTF-16", ErrInvalidText)
			}
			i++
		case utf16.IsSurrogate(rune(u)): // not high, so a low surrogate on its own
			return "", fmt.Errorf("%w: unpaired surrogate in UTF-16", ErrInvalidText)
		}
	}
	return string(utf16.Decode(units)), nil
}
