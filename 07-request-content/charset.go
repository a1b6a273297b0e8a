package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// lookupCharset resolves a charset label from a Content-Type ("utf-8",
// "ISO-8859-1", "latin1", "windows-1252", "UTF-16"...) through the IANA
// registry of names and aliases. An empty label means UTF-8, today's default
// for text. A label we cannot decode is a 415: the client may retry in UTF-8.
func lookupCharset(label string) (encoding.Encoding, string, error) {
	if strings.TrimSpace(label) == "" {
		return unicode.UTF8, "UTF-8", nil
	}
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil { // nil, nil: a registered name x/text cannot decode
		return nil, "", clientError(http.StatusUnsupportedMediaType, "unsupported_charset",
			"charset %q is not supported; send UTF-8, ISO-8859-1, windows-1252 or UTF-16", label)
	}
	name, err := ianaindex.MIME.Name(enc)
	if err != nil {
		name = label
	}
	return enc, name, nil
}

// decodeText converts body from the charset named by label to UTF-8.
//
// UTF-8 input is checked, not converted: invalid bytes are a 400, because
// silently replacing them with U+FFFD loses data the client thinks it sent.
// For other charsets a U+FFFD in the output means a byte the charset does
// not define, which is a 400 too. A leading byte order mark is dropped.
func decodeText(body []byte, label string) (text, charset string, err error) {
	enc, name, err := lookupCharset(label)
	if err != nil {
		return "", "", err
	}
	if enc == unicode.UTF8 {
		if !utf8.Valid(body) {
			return "", "", clientError(http.StatusBadRequest, "invalid_text", "body is not valid UTF-8")
		}
		return string(bytes.TrimPrefix(body, []byte("\uFEFF"))), name, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", clientError(http.StatusBadRequest, "invalid_text", "body is not valid %s", name)
	}
	return strings.TrimPrefix(string(out), "\uFEFF"), name, nil
}

// xmlCharsetReader lets encoding/xml read documents that declare a non-UTF-8
// encoding (<?xml version="1.0" encoding="ISO-8859-1"?>).
func xmlCharsetReader(label string, input io.Reader) (io.Reader, error) {
	enc, _, err := lookupCharset(label)
	if err != nil {
		return nil, err
	}
	return transform.NewReader(input, enc.NewDecoder()), nil
}
