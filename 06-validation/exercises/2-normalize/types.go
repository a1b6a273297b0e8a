// Package normalize puts user input into one canonical form before it is
// validated and stored.
package normalize

import "errors"

// ErrInvalid is wrapped by every error these functions return for bad input.
var ErrInvalid = errors.New("normalize: invalid input")
