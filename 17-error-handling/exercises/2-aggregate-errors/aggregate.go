//go:build !solution

package aggregateerrors

import "errors"

var errNotImplemented = errors.New("not implemented: edit exercises/2-aggregate-errors/aggregate.go")

// Join returns one error holding every leaf of errs, in order, or nil when
// there is none. See README.md.
func Join(errs ...error) error { return errNotImplemented }

// Flatten returns the leaves of err: every error reached through
// Unwrap() []error, depth first, nils skipped.
func Flatten(err error) []error { return nil }

// CountByKind counts the leaves of err by the kind their chain declares.
func CountByKind(err error) map[Kind]int { return nil }

// ValidateBatch checks every item and returns all their failures, each
// leaf as an *ItemError, in item order.
func ValidateBatch(items []Article, check func(Article) error) error { return errNotImplemented }
