//go:build !solution

package safeupload

// This file is the stub you replace (not implemented: edit exercises/4-safe-upload/safeupload.go).

import (
	"errors"
	"io"
)

// Save streams r into a new file in s.Dir and describes it.
//
//   - The type is SNIFFED from the first 512 bytes with http.DetectContentType
//     (parameters dropped) and must be a key of s.Allowed; nothing the client
//     claims (a Content-Type, a file name) is consulted: Save never sees them.
//   - The name is generated: at least 128 random bits as lowercase hex or
//     base32, plus the extension from s.Allowed. Two saves never share a name
//     and an existing file is never overwritten.
//   - The file is written with permission 0600, and the SHA-256 is computed
//     while it streams (never by reading the whole upload into memory).
//   - More than s.MaxBytes bytes is ErrTooLarge; no bytes is ErrEmpty;
//     a disallowed type is ErrTypeNotAllowed (errors may wrap these).
//   - On ANY error, nothing is left in s.Dir: no partial file, no empty file.
func (s Store) Save(r io.Reader) (Saved, error) {
	return Saved{}, errNotImplemented
}

var errNotImplemented = errors.New("not implemented: edit exercises/4-safe-upload/safeupload.go")
