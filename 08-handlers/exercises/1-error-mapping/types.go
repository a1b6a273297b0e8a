// Package errormapping is exercise 1 of chapter 08: turn domain errors into
// HTTP statuses and one JSON error format, in exactly one place.
package errormapping

// Code says what kind of failure a domain error is.
type Code string

// The codes a service may return.
const (
	CodeInvalid      Code = "invalid"
	CodeNotFound     Code = "not_found"
	CodeConflict     Code = "conflict"
	CodeUnauthorized Code = "unauthorized"
	CodeForbidden    Code = "forbidden"
)

// Error is a domain error: a Code and a message safe to show a client.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }
