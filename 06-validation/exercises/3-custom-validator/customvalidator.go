//go:build !solution

package customvalidator

// This file is the stub you replace (not implemented: edit exercises/3-custom-validator/customvalidator.go).

import (
	"errors"

	"github.com/go-playground/validator/v10"
)

// Register adds three rules to v:
//
//   - `username`: 3 to 20 characters of a-z, 0-9 and _, starting with a
//     letter, and not one of Reserved.
//   - `slug`: at most 64 characters; one or more words of a-z and 0-9 joined
//     by single hyphens ("go-1-25"), no leading, trailing or doubled hyphen.
//   - `maxbytes=N`: the value's length in BYTES is at most N (the built-in
//     `max` counts characters). A missing or malformed N fails the value.
//
// Each rule works on string fields and on any type whose underlying kind is
// string. Register returns the first registration error.
func Register(v *validator.Validate) error {
	return errNotImplemented
}

var errNotImplemented = errors.New("not implemented: edit exercises/3-custom-validator/customvalidator.go")
