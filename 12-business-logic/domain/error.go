package domain

import (
	"errors"
	"fmt"
)

// Error codes. Adapters translate them in exactly one place each (HTTP
// statuses in httpapi, SQLSTATEs in postgres); the domain never mentions
// either.
const (
	EINVALID   = "invalid"   // the input breaks a rule of a value or the aggregate
	ENOTFOUND  = "not_found" // no such article
	ECONFLICT  = "conflict"  // the state changed under you, or the slug is taken
	EFORBIDDEN = "forbidden" // this actor may not do that
	EINTERNAL  = "internal"  // anything else
)

// Error is a domain error: a code adapters can map and a message for people.
// Field, when set, names the input the message is about ("title"), so that
// an adapter can point at it; a use case that checks several inputs joins
// one Error per field with errors.Join.
type Error struct {
	Code    string
	Message string
	Field   string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// OnField returns err with Field set to name when err is an *Error, err
// unchanged otherwise, and nil for nil.
func OnField(name string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	cp := *e
	cp.Field = name
	return &cp
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}
