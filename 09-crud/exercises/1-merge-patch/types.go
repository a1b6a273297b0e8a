// Package mergepatch applies RFC 7396 JSON Merge Patch documents, the body
// format of `PATCH` with `Content-Type: application/merge-patch+json`.
package mergepatch

import "errors"

// ErrInvalidJSON is returned (wrapped) when the target or the patch is not a
// single well-formed JSON value.
var ErrInvalidJSON = errors.New("mergepatch: invalid JSON")
