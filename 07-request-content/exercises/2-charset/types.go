// Package charset decodes text bodies from the charset their Content-Type
// names into UTF-8.
package charset

import "errors"

var (
	// ErrBadContentType: the Content-Type header does not parse.
	ErrBadContentType = errors.New("charset: malformed Content-Type")
	// ErrUnsupportedCharset: the charset is not one we decode (answer 415).
	ErrUnsupportedCharset = errors.New("charset: unsupported charset")
	// ErrInvalidText: the bytes are not valid in the named charset (answer 400).
	ErrInvalidText = errors.New("charset: body is not valid in its charset")
)
