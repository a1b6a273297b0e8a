package main

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"workbook/serve/problem"
)

// Kind says whose fault a failure is, which decides how it is answered,
// logged and retried.
type Kind uint8

const (
	// User: the request is wrong. 4xx; the client must change it before
	// sending it again. Logged at Info: it is traffic, not an incident.
	User Kind = iota + 1
	// System: a dependency or resource failed. 5xx; the same request may
	// succeed later. Logged at Error with the cause chain.
	System
	// Programming: a bug (a panic). 500; only a fix helps. Logged at Error
	// with the stack.
	Programming
)

func (k Kind) String() string {
	switch k {
	case User:
		return "user"
	case System:
		return "system"
	case Programming:
		return "programming"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Code is the machine-readable name of a failure: clients switch on it, so
// it never changes once published, unlike the detail text.
type Code string

const (
	CodeMalformedBody         Code = "malformed_body"
	CodeInvalidParameter      Code = "invalid_parameter"
	CodeNotFound              Code = "not_found"
	CodeArticleNotFound       Code = "article_not_found"
	CodeCoverNotFound         Code = "cover_not_found"
	CodeMethodNotAllowed      Code = "method_not_allowed"
	CodeArticleExists         Code = "article_exists"
	CodeBodyTooLarge          Code = "body_too_large"
	CodeUnsupportedMediaType  Code = "unsupported_media_type"
	CodeValidationFailed      Code = "validation_failed"
	CodeInternal              Code = "internal"
	CodeDependencyUnavailable Code = "dependency_unavailable"
)

// statusOf is the one table from code to HTTP status. Handlers never pick
// a status for a failure: they pick a code, and this table answers.
var statusOf = map[Code]int{
	CodeMalformedBody:         http.StatusBadRequest,
	CodeInvalidParameter:      http.StatusBadRequest,
	CodeNotFound:              http.StatusNotFound,
	CodeArticleNotFound:       http.StatusNotFound,
	CodeCoverNotFound:         http.StatusNotFound,
	CodeMethodNotAllowed:      http.StatusMethodNotAllowed,
	CodeArticleExists:         http.StatusConflict,
	CodeBodyTooLarge:          http.StatusRequestEntityTooLarge,
	CodeUnsupportedMediaType:  http.StatusUnsupportedMediaType,
	CodeValidationFailed:      http.StatusUnprocessableEntity,
	CodeInternal:              http.StatusInternalServerError,
	CodeDependencyUnavailable: http.StatusServiceUnavailable,
}

// Error is the application's error: what went wrong for the client (Code,
// Detail, Fields) and for the operator (Kind, Err). Only the first three
// are ever sent; Err is logged.
type Error struct {
	Kind       Kind
	Code       Code
	Detail     string               // written for the client; never a dependency's text
	Fields     []problem.FieldError // every invalid field of a 422
	RetryAfter time.Duration        // sent as Retry-After when set (503)
	Err        error                // the cause, wrapped: errors.Is/As see through
}

func (e *Error) Error() string {
	if e.Err != nil {
		return string(e.Code) + ": " + e.Err.Error()
	}
	return string(e.Code) + ": " + e.Detail
}

func (e *Error) Unwrap() error { return e.Err }

// Status is the code's status from statusOf; a code missing from the table
// is a bug, answered as 500.
func (e *Error) Status() int {
	if s, ok := statusOf[e.Code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// userError is a 4xx: the detail tells the client what to change.
func userError(code Code, detail string) *Error {
	return &Error{Kind: User, Code: code, Detail: detail}
}

// internalDetail is all a client learns of a 5xx it cannot act on: the
// requestId member beside it is what ties its report to the log line.
const internalDetail = "the server failed to handle this request; quote the requestId if you report it"

// classify returns the *Error in err's chain, or, for an error nobody
// classified (a bare os or driver error that bubbled up), a system error
// whose cause is err and whose detail says nothing of it.
func classify(err error) *Error {
	if e, ok := errors.AsType[*Error](err); ok {
		return e
	}
	return &Error{Kind: System, Code: CodeInternal, Detail: internalDetail, Err: err}
}
