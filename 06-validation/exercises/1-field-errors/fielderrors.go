//go:build !solution

package fielderrors

// This file is the stub you replace (not implemented: edit exercises/1-field-errors/fielderrors.go).

import (
	"errors"

	"github.com/go-playground/validator/v10"
)

// New returns a validator whose errors name fields by their JSON names:
// the name in the `json` tag (without options such as ",omitempty"), or the
// Go field name when there is no json tag.
func New() *validator.Validate {
	return nil
}

// Collect converts the error returned by (*validator.Validate).Struct into a
// Response holding one FieldError per failed rule:
//   - Field is the JSON path without the root struct's name:
//     "email", "address.city", "tags[1]".
//   - Code is the rule's tag ("required", "email", "min", ...).
//   - Message is Message(tag, param, kind).
//
// Errors are sorted by Field, then Code (byte-wise), so the same input always
// gives the same response. Collect(nil) returns an empty Response and nil.
// An error that is not validator.ValidationErrors (possibly wrapped) is
// returned unchanged with an empty Response.
func Collect(err error) (Response, error) {
	return Response{}, errNotImplemented
}

var errNotImplemented = errors.New("not implemented: edit exercises/1-field-errors/fielderrors.go")
