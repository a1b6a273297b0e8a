// Package safeupload stores uploads in a content-addressed store: typed by
// their bytes, bounded while streaming, named by their SHA-256, and stored
// once however many times the same content arrives.
package safeupload

import "errors"

var (
	// ErrEmpty: the upload has no bytes (400).
	ErrEmpty = errors.New("safeupload: empty file")
	// ErrTooLarge: the upload is over MaxBytes (413).
	ErrTooLarge = errors.New("safeupload: file too large")
	// ErrTypeNotAllowed: the sniffed type is not in Allowed (415).
	ErrTypeNotAllowed = errors.New("safeupload: file type not allowed")
)

// Store saves uploads into Dir, one file per distinct content.
type Store struct {
	Dir      string
	MaxBytes int64
	// Allowed maps a media type, as http.DetectContentType sniffs it (without
	// parameters: "text/plain", not "text/plain; charset=utf-8"), to the
	// extension stored files of that type get (".png").
	Allowed map[string]string
}

// Saved describes a stored object.
type Saved struct {
	Name        string // SHA256 + the extension of ContentType: the file's name in Dir
	Size        int64
	SHA256      string // lowercase hex of the whole content
	ContentType string // the sniffed media type
	// Deduplicated is true when an object with this content was already
	// stored: this save kept it and added nothing to Dir.
	Deduplicated bool
}
