package main

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"workbook/serve/problem"
)

// errorKind says whose fault a failure is, which decides how it is answered,
// logged and retried.
type errorKind uint8

const (
	// kindUser: the request is wrong. 4xx; the client must change it before
	// sending it again. Logged at Info: it is traffic, not an incident.
	kindUser errorKind = iota + 1
	// kindSystem: a dependency or resource failed. 5xx; the same request may
	// succeed later. Logged at Error with the cause chain.
	kindSystem
	// kindProgramming: a bug (a panic). 500; only a fix helps. Logged at Error
	// with the stack.
	kindProgramming
)

func (k errorKind) String() string {
	switch k {
	case kindUser:
		return "user"
	case kindSystem:
		return "system"
	case kindProgramming:
		return "programming"
	}
	return fmt.Sprintf("errorKind(%d)", uint8(k))
}

// errorCode is the machine-readable name of a failure: clients switch on it, so
// it never changes once published, unlike the detail text.
type errorCode string

const (
	codeMalformedBody         errorCode = "malformed_body"
	codeInvalidParameter      errorCode = "invalid_parameter"
	codeNotFound              errorCode = "not_found"
	codeArticleNotFound       errorCode = "article_not_found"
	codeCoverNotFound         errorCode = "cover_not_found"
	codeMethodNotAllowed      errorCode = "method_not_allowed"
	codeArticleExists         errorCode = "article_exists"
	codeBodyTooLarge          errorCode = "body_too_large"
	codeUnsupportedMediaType  errorCode = "unsupported_media_type"
	codeValidationFailed      errorCode = "validation_failed"
	codeInternal              errorCode = "internal"
	codeDependencyUnavailable errorCode = "dependency_unavailable"
)

// statusOf is the one table from code to HTTP status. Handlers never pick
// a status for a failure: they pick a code, and this table answers.
var statusOf = map[errorCode]int{
	codeMalformedBody:         http.StatusBadRequest,
	codeInvalidParameter:      http.StatusBadRequest,
	codeNotFound:              http.StatusNotFound,
	codeArticleNotFound:       http.StatusNotFound,
	codeCoverNotFound:         http.StatusNotFound,
	codeMethodNotAllowed:      http.StatusMethodNotAllowed,
	codeArticleExists:         http.StatusConflict,
	codeBodyTooLarge:          http.StatusRequestEntityTooLarge,
	codeUnsupportedMediaType:  http.StatusUnsupportedMediaType,
	codeValidationFailed:      http.StatusUnprocessableEntity,
	codeInternal:              http.StatusInternalServerError,
	codeDependencyUnavailable: http.StatusServiceUnavailable,
}

// appError is the application's error: what went wrong for the client
// (code, detail, fields, retryAfter) and for the operator (kind, err). Only
// the first four are ever sent; err is logged.
type appError struct {
	kind       errorKind
	code       errorCode
	detail     string               // written for the client; never a dependency's text
	fields     []problem.FieldError // every invalid field of a 422
	retryAfter time.Duration        // sent as Retry-After when set (503)
	err        error                // the cause, wrapped: errors.Is/As see through
}

func (e *appError) Error() string {
	if e.err != nil {
		return string(e.code) + ": " + e.err.Error()
	}
	return string(e.code) + ": " + e.detail
}

func (e *appError) Unwrap() error { return e.err }

// status is the code's status from statusOf; a code missing from the table
// is a bug, answered as 500.
func (e *appError) status() int {
	if s, ok := statusOf[e.code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// userError is a 4xx: the detail tells the client what to change.
func userError(code errorCode, detail string) *appError {
	return &appError{kind: kindUser, code: code, detail: detail}
}

// internalDetail is all a client learns of a 5xx it cannot act on: the
// requestId member beside it is what ties its report to the log line.
const internalDetail = "the server failed to handle this request; quote the requestId if you report it"

// classify returns the *appError in err's chain, or, for an error nobody
// classified (a bare os or driver error that bubbled up), a system error
// whose cause is err and whose detail says nothing of it.
func classify(err error) *appError {
	if e, ok := errors.AsType[*appError](err); ok {
		return e
	}
	return &appError{kind: kindSystem, code: codeInternal, detail: internalDetail, err: err}
}
