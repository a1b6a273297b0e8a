// Package reverse builds a URL path from a named route's pattern, the way
// (*mux.Route).URL does, so handlers never paste paths by hand.
package reverse

import "errors"

// Errors returned by Reverse. Wrap them with fmt.Errorf("...: %w", err)
// so callers can test them with errors.Is.
var (
	// ErrBadPattern: the pattern is not well formed (an unclosed or stray
	// brace, an empty variable name, an invalid regular expression).
	ErrBadPattern = errors.New("reverse: bad pattern")
	// ErrMissingParam: a variable of the pattern has no value, or an empty one.
	ErrMissingParam = errors.New("reverse: missing parameter")
	// ErrUnknownParam: a value was given for a name the pattern does not have.
	ErrUnknownParam = errors.New("reverse: unknown parameter")
	// ErrConstraint: a value does not fully match its variable's regular expression.
	ErrConstraint = errors.New("reverse: value breaks constraint")
)
