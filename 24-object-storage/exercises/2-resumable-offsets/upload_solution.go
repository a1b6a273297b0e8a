//go:build solution

package resumableoffsets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"strings"
)

// Session is one upload of a known length, received in chunks.
type Session struct {
	length, minChunk int64
	w                io.Writer
	offset           int64     // bytes accepted
	sum              hash.Hash // SHA-256 of the bytes accepted, in order
	// The last chunk accepted, to recognise its retry: a client whose
	// response was lost sends the same chunk again.
	lastOffset int64
	lastSum    [sha256.Size]byte
	lastLen    int
}

// New starts a session for length bytes that writes accepted chunks to w,
// in order; every chunk but the last must be at least minChunk bytes.
func New(length, minChunk int64, w io.Writer) (*Session, error) {
	if length < 1 || minChunk < 1 {
		return nil, ErrLength
	}
	return &Session{length: length, minChunk: minChunk, w: w, sum: sha256.New()}, nil
}

// Write offers chunk at offset and returns the offset after it (or, on an
// error, the unchanged current offset).
func (s *Session) Write(offset int64, chunk []byte) (int64, error) {
	n := int64(len(chunk))
	if n == 0 {
		return s.offset, ErrEmpty
	}
	if offset == s.lastOffset && len(chunk) == s.lastLen {
		if sum := sha256.Sum256(chunk); bytes.Equal(sum[:], s.lastSum[:]) {
			return s.offset, nil // the same chunk again: already stored
		}
	}
	switch {
	case offset < s.offset:
		return s.offset, ErrOverlap
	case offset > s.offset:
		return s.offset, ErrGap
	case offset+n > s.length:
		return s.offset, ErrTooLong
	case offset+n < s.length && n < s.minChunk:
		return s.offset, ErrSmallChunk
	}
	if _, err := s.w.Write(chunk); err != nil {
		return s.offset, err // nothing is counted that was not stored
	}
	s.sum.Write(chunk)
	s.lastOffset, s.lastLen, s.lastSum = offset, len(chunk), sha256.Sum256(chunk)
	s.offset += n
	return s.offset, nil
}

// Offset is how many bytes have been accepted.
func (s *Session) Offset() int64 { return s.offset }

// Finish checks that the upload is complete and that its bytes have the
// SHA-256 wantHex (hex, either case).
func (s *Session) Finish(wantHex string) error {
	if s.offset != s.length {
		return ErrIncomplete
	}
	if !strings.EqualFold(hex.EncodeToString(s.sum.Sum(nil)), wantHex) {
		return ErrChecksum
	}
	return nil
}
