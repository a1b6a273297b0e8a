package postgres

import (
	"testing"
	"time"
)

// TestBackoffIsJittered: each pause is random within its attempt's bounds
// (1ms up to a doubling ceiling, at most 250ms), so two transactions that
// collided do not retry in step.
func TestBackoffIsJittered(t *testing.T) {
	for attempt, ceiling := range map[int]time.Duration{1: 10 * time.Millisecond, 2: 20 * time.Millisecond, 3: 40 * time.Millisecond, 6: 250 * time.Millisecond, 20: 250 * time.Millisecond} {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := backoff(attempt)
			if d < time.Millisecond || d > time.Millisecond+ceiling {
				t.Fatalf("backoff(%d) = %s, want 1ms to %s", attempt, d, time.Millisecond+ceiling)
			}
			seen[d] = true
		}
		if len(seen) < 50 {
			t.Errorf("backoff(%d) gave %d distinct pauses in 200 calls, want them random", attempt, len(seen))
		}
	}
}
