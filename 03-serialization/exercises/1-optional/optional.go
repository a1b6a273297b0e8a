//go:build !solution

package optional

import "errors"

var errNotImplemented = errors.New("not implemented: edit exercises/1-optional/optional.go")

// UnmarshalJSON records that the key was present, and whether it was null.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	return errNotImplemented
}

// MarshalJSON writes null or the value. (Absent fields never reach it:
// omitzero leaves them out using IsZero.)
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	return nil, errNotImplemented
}

// IsZero reports whether the field is absent.
func (o Optional[T]) IsZero() bool {
	return false
}

// DecodePatch decodes a PATCH body strictly. See README.md.
func DecodePatch(data []byte) (ArticlePatch, error) {
	return ArticlePatch{}, errNotImplemented
}

// Apply returns a with p applied. See README.md.
func Apply(a Article, p ArticlePatch) (Article, error) {
	return Article{}, errNotImplemented
}
