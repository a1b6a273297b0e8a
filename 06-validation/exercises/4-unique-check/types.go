// Package uniquecheck validates input against stored state (is this
// username free?) without letting a slow store hang the request.
package uniquecheck

import (
	"context"
	"errors"
	"time"
)

// Repository answers uniqueness questions. Implementations should honour
// ctx, but Check must not rely on it.
type Repository interface {
	UsernameTaken(ctx context.Context, username string) (bool, error)
	EmailTaken(ctx context.Context, email string) (bool, error)
}

// FieldError reports one value that is already taken.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ErrTimeout is wrapped by Check's error when the deadline passed before
// every lookup answered.
var ErrTimeout = errors.New("uniquecheck: lookups did not finish in time")

// DefaultTimeout is used when Checker.Timeout is zero or negative.
const DefaultTimeout = 500 * time.Millisecond

// Checker runs uniqueness lookups against Repo with a deadline of Timeout.
type Checker struct {
	Repo    Repository
	Timeout time.Duration
}
