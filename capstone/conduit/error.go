package conduit

import (
	"errors"
	"fmt"
)

// Error codes returned by the services. Each adapter maps them to its own
// vocabulary in exactly one place (httpapi/error.go holds the HTTP table).
const (
	EINVALID      = "invalid"      // the input breaks a rule; the message says which
	ECONFLICT     = "conflict"     // a unique value (email, username, slug) is taken
	EUNAUTHORIZED = "unauthorized" // no or bad credentials
	EFORBIDDEN    = "forbidden"    // authenticated, but not allowed to touch this
	ENOTFOUND     = "not_found"    // the thing does not exist
	EUNAVAILABLE  = "unavailable"  // overloaded right now: retry shortly
	ETOOLARGE     = "too_large"    // an upload is over its size limit
	EUNSUPPORTED  = "unsupported"  // an upload's content is of a type not accepted
	EINTERNAL     = "internal"     // anything else: logged, never shown
)

// Error is the one error type of the domain. Code is one of the E* constants;
// Message is safe to show to the client.
type Error struct {
	Code    string
	Message string
	// Details lists every problem when there is more than one (validation).
	Details []string
	// Cause, when set, is the error behind this one, for the logs only.
	Cause error
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("conduit: code=%s message=%s: %v", e.Code, e.Message, e.Cause)
	}
	return fmt.Sprintf("conduit: code=%s message=%s", e.Code, e.Message)
}

// Unwrap returns Cause, so errors.Is sees through to it.
func (e *Error) Unwrap() error { return e.Cause }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessages returns the client-safe messages of err: an *Error's Details
// when it has them, else its Message, else "internal error".
func ErrorMessages(err error) []string {
	var e *Error
	if errors.As(err, &e) && len(e.Details) > 0 {
		return e.Details
	}
	return []string{ErrorMessage(err)}
}

// ErrorMessage returns the message of the first *Error in err's chain, or
// "internal error" for any other error, so internal details never leak.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
