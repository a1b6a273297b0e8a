//go:build solution

package coordinator

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Add registers a hook, in start order, with its own timeout.
func (c *Coordinator) Add(name string, timeout time.Duration, stop Hook) {
	c.hooks = append(c.hooks, hook{name: name, timeout: timeout, stop: stop})
}

// Shutdown runs the hooks in reverse order of Add, one at a time.
func (c *Coordinator) Shutdown(ctx context.Context) error {
	var errs []error
	for i := len(c.hooks) - 1; i >= 0; i-- {
		h := c.hooks[i]
		if err := runHook(ctx, h); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", h.name, err))
		}
	}
	return errors.Join(errs...)
}

func runHook(parent context.Context, h hook) error {
	ctx, cancel := context.WithTimeout(parent, h.timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- h.stop(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
