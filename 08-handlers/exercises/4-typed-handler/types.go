// Package typedhandler is exercise 4 of chapter 08: a generic adapter that
// turns a plain typed function into an http.Handler, so that decoding,
// validation, error mapping and encoding are written once.
package typedhandler

// Validator is implemented by inputs that can check themselves. Handle
// answers 422 with the error's message when Validate fails.
type Validator interface {
	Validate() error
}

// StatusError is implemented by errors that know their HTTP status.
type StatusError interface {
	error
	HTTPStatus() int
}

// Created wraps an output that should be answered with 201 Created.
type Created[T any] struct {
	Value T
}

// statuser is implemented by outputs that choose their own success status
// (Created does, through the method in the stub or reference).
//
//lint:ignore U1000 provided for the learner's implementation
type statuser interface {
	status() int
}

// NoContent is an output type that answers 204 with no body.
type NoContent struct{}

// MaxBodyBytes bounds the request body Handle will read.
const MaxBodyBytes = 1 << 20
