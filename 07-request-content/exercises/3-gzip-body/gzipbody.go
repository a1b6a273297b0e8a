//go:build !solution

package gzipbody

// This file is the stub you replace (not implemented: edit exercises/3-gzip-body/gzipbody.go).

import (
	"errors"
	"io"
)

// Open returns a reader of the DECODED body for the given Content-Encoding
// header value:
//
//   - "" or "identity": body as it is;
//   - "gzip" or "x-gzip" (case-insensitive, surrounding space ignored): the
//     decompressed stream, including every member of a multi-member file;
//   - anything else: an error wrapping ErrUnsupportedEncoding.
//
// Either way the reader yields at most limit bytes; when the decoded data
// holds even one byte more, Read returns a *TooLargeError. Exactly limit
// bytes is fine. Decompression must stop there: a 10 KB "bomb" that expands
// to gigabytes is read only as far as limit (plus a little buffering).
//
// A gzip header that does not parse fails in Open (gzip.ErrHeader); corrupt
// data later fails in Read. Close releases the decompressor; it does not
// close body.
func Open(body io.Reader, contentEncoding string, limit int64) (io.ReadCloser, error) {
	return nil, errNotImplemented
}

var errNotImplemented = errors.New("not implemented: edit exercises/3-gzip-body/gzipbody.go")
