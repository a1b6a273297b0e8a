package article

import (
	"errors"
	"fmt"
)

// Error codes. They describe what went wrong in domain terms; the HTTP layer
// owns the one table that turns them into status codes.
const (
	ENOTFOUND     = "not_found"
	EINVALID      = "invalid"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EINTERNAL     = "internal"
)

// Error is a domain error: a code the program acts on and a message that is
// safe to show the caller. An EINVALID error lists every field that breaks a
// rule, so the caller can fix them all at once.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
}

// FieldError is one input field that breaks a rule. Field is the name the
// caller used for it (the domain's name; the HTTP layer turns it into a
// JSON Pointer).
type FieldError struct {
	Field   string
	Message string
}

func (e *Error) Error() string { return "article: " + e.Message }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the caller-safe message of err: the *Error's own
// message, or "internal error" for anything else, whose details must never
// leave the server.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
