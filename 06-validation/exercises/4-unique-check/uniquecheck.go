//go:build !solution

package uniquecheck

// This file is the stub you replace (not implemented: edit exercises/4-unique-check/uniquecheck.go).

import (
	"context"
	"errors"
)

// Check looks up username and email concurrently, under one deadline of
// c.Timeout (DefaultTimeout if not positive) derived from ctx, and returns a
// FieldError{Field, "unique", "is already taken"} for each value that is
// taken, "email" before "username". Nothing taken: no errors, nil error.
//
// Check returns by the deadline even if the repository ignores its context:
// then the error wraps ErrTimeout. A lookup's own error is returned wrapped
// (not as ErrTimeout); if ctx itself is cancelled, the error wraps
// ctx.Err(). A lookup that answers after Check returned must not block
// forever.
func (c Checker) Check(ctx context.Context, username, email string) ([]FieldError, error) {
	return nil, errNotImplemented
}

var errNotImplemented = errors.New("not implemented: edit exercises/4-unique-check/uniquecheck.go")
