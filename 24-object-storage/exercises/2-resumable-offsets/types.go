// Package resumableoffsets is exercise 2 of chapter 24: the state machine
// of a resumable, chunked upload.
package resumableoffsets

import "errors"

var (
	// ErrLength: New was given a length or minimum chunk size below 1.
	ErrLength = errors.New("length and minimum chunk size must be at least 1")
	// ErrEmpty: a chunk with no bytes.
	ErrEmpty = errors.New("empty chunk")
	// ErrGap: the chunk starts after the bytes received so far (out of order).
	ErrGap = errors.New("chunk starts after the current offset")
	// ErrOverlap: the chunk starts before the current offset and is not a
	// retry of the last chunk accepted.
	ErrOverlap = errors.New("chunk overlaps bytes already received")
	// ErrTooLong: the chunk ends past the upload's declared length.
	ErrTooLong = errors.New("chunk goes past the declared length")
	// ErrSmallChunk: a chunk that is not the last is smaller than the minimum.
	ErrSmallChunk = errors.New("only the last chunk may be smaller than the minimum")
	// ErrIncomplete: Finish before every byte has arrived.
	ErrIncomplete = errors.New("upload incomplete")
	// ErrChecksum: the bytes received do not have the expected SHA-256.
	ErrChecksum = errors.New("checksum mismatch")
)
