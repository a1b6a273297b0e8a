//go:build !solution

package retryjitter

import (
	"context"
	"errors"
)

// Retry calls op until it succeeds, fails for good, runs out of attempts or
// ctx is done, waiting between attempts as README.md describes.
func Retry(ctx context.Context, p Policy, op func(context.Context) error) error {
	return errors.New("not implemented: edit exercises/3-retry-full-jitter/retry.go")
}
