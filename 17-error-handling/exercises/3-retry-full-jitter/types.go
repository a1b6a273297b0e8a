// Package retryjitter is exercise 3 of chapter 17: retry an operation with
// exponential backoff and full jitter, honouring its context and retrying
// only what can succeed on a later try.
package retryjitter

import (
	"context"
	"time"
)

// Policy says how to retry. Base and Cap are positive, Base ≤ Cap.
type Policy struct {
	Base        time.Duration // the ceiling of the first wait; doubled after each retry
	Cap         time.Duration // no ceiling exceeds Cap
	MaxAttempts int           // calls of op in all; less than 1 means 1

	// Retryable reports whether an error may pass on a later try; nil
	// means every error is (a Permanent one never is).
	Retryable func(error) bool
	// Rand returns a uniform float64 in [0, 1); nil means math/rand/v2's.
	Rand func() float64
	// Sleep waits d, or less when ctx is done first, and then returns
	// ctx.Err(); nil means a real timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Permanent marks err as not worth retrying; errors.Is and errors.As see
// through the mark. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &PermanentError{Err: err}
}

// PermanentError is the mark Permanent puts on an error.
type PermanentError struct {
	Err error
}

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }
