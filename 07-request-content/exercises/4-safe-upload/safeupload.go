//go:build !solution

package safeupload

// This file is the stub you replace (not implemented: edit exercises/4-safe-upload/safeupload.go).

import (
	"errors"
	"io"
)

// Save streams r into s.Dir under the name of its content and describes it.
//
//   - The type is SNIFFED from the first 512 bytes with http.DetectContentType
//     (parameters dropped) and must be a key of s.Allowed.
//   - The name is the lowercase hex SHA-256 of the whole content plus the
//     extension from s.Allowed, so it is known only once the stream has been
//     read: write to a temporary file in s.Dir first, then move it into place.
//   - Content already stored is not stored again: the existing file is kept,
//     the new copy removed, and Saved.Deduplicated says so. Any number of
//     concurrent saves of one content leave exactly one file.
//   - Files are created with permission 0600; memory stays bounded however
//     large the upload.
//   - More than s.MaxBytes bytes is ErrTooLarge; no bytes is ErrEmpty;
//     a disallowed type is ErrTypeNotAllowed (errors may wrap these).
//   - On ANY error, s.Dir is left as it was: no partial or temporary file.
func (s Store) Save(r io.Reader) (Saved, error) {
	return Saved{}, errNotImplemented
}

var errNotImplemented = errors.New("not implemented: edit exercises/4-safe-upload/safeupload.go")
