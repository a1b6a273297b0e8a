// Package gzipbody opens request bodies that may be gzip-compressed,
// without letting a small body expand into an unbounded one.
package gzipbody

import (
	"errors"
	"fmt"
)

// ErrUnsupportedEncoding is returned for a Content-Encoding other than gzip
// or identity (the server answers 415).
var ErrUnsupportedEncoding = errors.New("gzipbody: unsupported Content-Encoding")

// TooLargeError is returned by Read once the decoded body is known to exceed
// Limit bytes (the server answers 413).
type TooLargeError struct {
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("gzipbody: decoded body exceeds %d bytes", e.Limit)
}
