//go:build solution

package retryjitter

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// Retry calls op until it succeeds, fails for good, runs out of attempts or
// ctx is done, waiting between attempts as README.md describes.
func Retry(ctx context.Context, p Policy, op func(context.Context) error) error {
	attempts := max(p.MaxAttempts, 1)
	random := p.Rand
	if random == nil {
		random = rand.Float64
	}
	sleep := p.Sleep
	if sleep == nil {
		sleep = sleepContext
	}
	if err := ctx.Err(); err != nil {
		return err // done before the first attempt: op is never called
	}
	for n := 0; ; n++ {
		err := op(ctx)
		if err == nil {
			return nil
		}
		if _, ok := errors.AsType[*PermanentError](err); ok {
			return err
		}
		if p.Retryable != nil && !p.Retryable(err) {
			return err
		}
		if n+1 >= attempts {
			return fmt.Errorf("gave up after %d attempts: %w", attempts, err)
		}
		if cerr := ctx.Err(); cerr != nil {
			return stopped(cerr, err) // done while op ran: no wait, no retry
		}
		if serr := sleep(ctx, fullJitter(p.Base, p.Cap, n, random)); serr != nil {
			return stopped(serr, err) // done (or failed) while waiting
		}
	}
}

// fullJitter is the wait before retry n+1: uniform in [0, ceiling), the
// ceiling being Base·2ⁿ capped at Cap (computed without overflow).
func fullJitter(base, limit time.Duration, n int, random func() float64) time.Duration {
	ceiling := base
	for range n {
		if ceiling > limit/2 { // doubling would pass the cap
			ceiling = limit
			break
		}
		ceiling *= 2
	}
	return time.Duration(random() * float64(min(ceiling, limit)))
}

// stopped is the error of a retry cut short: why it stopped (the context's
// error, or the sleep's) and the last error of op.
func stopped(why, last error) error {
	return fmt.Errorf("retry stopped: %w; last error: %w", why, last)
}

// sleepContext waits d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
