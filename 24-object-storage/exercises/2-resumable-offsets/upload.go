//go:build !solution

package resumableoffsets

import (
	"errors"
	"io"
)

var errNotImplemented = errors.New("not implemented: edit exercises/2-resumable-offsets/upload.go")

// Session is one upload of a known length, received in chunks.
type Session struct{}

// New starts a session for length bytes that writes accepted chunks to w,
// in order; every chunk but the last must be at least minChunk bytes.
func New(length, minChunk int64, w io.Writer) (*Session, error) {
	return nil, errNotImplemented
}

// Write offers chunk at offset and returns the offset after it (or, on an
// error, the unchanged current offset).
func (s *Session) Write(offset int64, chunk []byte) (int64, error) {
	return 0, errNotImplemented
}

// Offset is how many bytes have been accepted.
func (s *Session) Offset() int64 { return -1 }

// Finish checks that the upload is complete and that its bytes have the
// SHA-256 wantHex (hex, either case).
func (s *Session) Finish(wantHex string) error { return errNotImplemented }
