//go:build solution

package backoffjitter

import (
	"errors"
	"time"
)

// Next returns the delay before the next attempt after `failed` failed
// attempts, and dead=true when no attempt is left.
func Next(p Policy, failed int, random func(n int64) int64) (delay time.Duration, dead bool, err error) {
	if p.Base <= 0 || p.Cap < p.Base || p.MaxAttempts < 1 || failed < 1 {
		return 0, false, errors.New("backoffjitter: invalid policy or attempt count")
	}
	if failed >= p.MaxAttempts {
		return 0, true, nil
	}
	ceiling := p.Base
	for i := 1; i < failed && ceiling < p.Cap; i++ {
		ceiling *= 2 // doubling stops at the cap, so it cannot overflow
	}
	ceiling = min(ceiling, p.Cap)
	return time.Duration(random(int64(ceiling) + 1)), false, nil
}
