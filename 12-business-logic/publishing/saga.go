package publishing

import (
	"context"
	"errors"
	"fmt"
)

// Step is one step of a saga: Do makes a change that cannot share a
// transaction with the others (it lives in another service: a payment
// provider, a newsletter scheduler), and Compensate undoes its effect with a
// new action — a refund, a release — when a later step fails. Compensate is
// nil for a step with nothing to undo. Both should be idempotent, keyed on
// something the caller chose: after a crash the saga may run them again.
type Step struct {
	Name       string
	Do         func(ctx context.Context) error
	Compensate func(ctx context.Context) error
}

// RunSaga runs steps in order. When one fails, it runs the compensations of
// every step that completed, newest first, and returns the failure joined
// with any compensation that failed too (which a person must then look at).
// Compensations run even when ctx is already cancelled: a half-done saga
// left alone is the worst outcome.
func RunSaga(ctx context.Context, steps ...Step) error {
	for i, s := range steps {
		err := s.Do(ctx)
		if err == nil {
			continue
		}
		errs := []error{fmt.Errorf("saga step %s: %w", s.Name, err)}
		undo := context.WithoutCancel(ctx)
		for j := i - 1; j >= 0; j-- {
			if c := steps[j].Compensate; c != nil {
				if cerr := c(undo); cerr != nil {
					errs = append(errs, fmt.Errorf("compensating %s: %w", steps[j].Name, cerr))
				}
			}
		}
		return errors.Join(errs...)
	}
	return nil
}
