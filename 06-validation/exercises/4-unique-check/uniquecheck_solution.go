//go:build solution

package uniquecheck

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Check looks up username and email concurrently under one deadline.
func (c Checker) Check(ctx context.Context, username, email string) ([]FieldError, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	type result struct {
		field string
		taken bool
		err   error
	}
	lookups := []struct {
		field string
		fn    func(context.Context) (bool, error)
	}{
		{"email", func(ctx context.Context) (bool, error) { return c.Repo.EmailTaken(ctx, email) }},
		{"username", func(ctx context.Context) (bool, error) { return c.Repo.UsernameTaken(ctx, username) }},
	}
	// Buffered: a lookup that finishes after we gave up can still send and exit.
	results := make(chan result, len(lookups))
	for _, l := range lookups {
		go func() {
			taken, err := l.fn(ctx)
			results <- result{l.field, taken, err}
		}()
	}

	var errs []FieldError
	for range lookups {
		select {
		case r := <-results:
			if r.err != nil {
				if ctx.Err() != nil {
					return nil, deadlineError(ctx)
				}
				return nil, fmt.Errorf("uniquecheck: %s lookup: %w", r.field, r.err)
			}
			if r.taken {
				errs = append(errs, FieldError{Field: r.field, Code: "unique", Message: "is already taken"})
			}
		case <-ctx.Done():
			return nil, deadlineError(ctx)
		}
	}
	slices.SortFunc(errs, func(a, b FieldError) int { return strings.Compare(a.Field, b.Field) })
	return errs, nil
}

// deadlineError tells the caller's cancellation apart from a deadline.
func deadlineError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("uniquecheck: %w", ctx.Err())
	}
	return fmt.Errorf("%w: %w", ErrTimeout, ctx.Err())
}
