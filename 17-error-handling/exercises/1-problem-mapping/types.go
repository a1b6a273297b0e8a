// Package problemmapping is exercise 1 of chapter 17: map an error chain
// made of standard-library errors (and a validator's) to the problem a
// server answers with.
package problemmapping

import "strings"

// Problem is what Map decides: the HTTP status, a stable machine-readable
// code, a detail written for the client and, for a 422, every invalid field.
type Problem struct {
	Status int
	Code   string
	Detail string
	Fields []FieldError
}

// FieldError is one invalid field.
type FieldError struct {
	Field   string
	Message string
}

// ValidationError is what a validator returns: every invalid field of one
// input.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "validation failed: " + strings.Join(parts, "; ")
}

// StatusClientClosedRequest is nginx's 499: not in any RFC, but the usual
// status for "the client went away before the answer" in logs and metrics.
const StatusClientClosedRequest = 499

// The codes and details Map uses. A detail is for the client: it never
// contains the error's own text. The %d and %s are filled from the error.
const (
	CodeClientClosed   = "client_closed_request"
	CodeTimeout        = "timeout"
	CodeUnavailable    = "dependency_unavailable"
	CodeTooLarge       = "body_too_large"
	CodeMalformedJSON  = "malformed_json"
	CodeWrongType      = "wrong_type"
	CodeInvalid        = "validation_failed"
	CodeNotFound       = "not_found"
	CodeInternal       = "internal"
	DetailClientClosed = "the client closed the request"
	DetailTimeout      = "the request timed out"
	DetailUnavailable  = "a dependency is unavailable; retry later"
	DetailTooLarge     = "request body exceeds %d bytes"
	DetailSyntax       = "invalid JSON at byte %d"
	DetailTruncated    = "request body ends in the middle of a JSON value"
	DetailWrongType    = "field %s must be %s"
	DetailInvalid      = "%d invalid field(s)"
	DetailNotFound     = "not found"
	DetailInternal     = "internal error"
)
