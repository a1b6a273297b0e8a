// Package aliasswap is exercise 2: the body of an atomic alias swap.
package aliasswap

import "errors"

// ErrInvalid is wrapped by every error SwapBody returns for bad input.
var ErrInvalid = errors.New("aliasswap: invalid swap")
