//go:build !solution

package ratelimit

import (
	"net/http"
	"time"
)

// Limiter holds one token bucket per key. It is safe for concurrent use.
type Limiter struct{}

// New returns a Limiter whose buckets hold up to burst tokens and refill
// at rate tokens per second (rate > 0, burst >= 1). A new key starts full.
func New(rate float64, burst int, now Clock) *Limiter {
	return &Limiter{}
}

// Allow takes one token from key's bucket. When the bucket is empty it
// takes nothing and reports how long until a token will be available.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	return false, 0 // not implemented: edit exercises/5-ratelimit/limiter.go
}

// Len is the number of keys currently tracked. Keys whose buckets have
// refilled completely are forgotten (the next Allow may sweep them).
func (l *Limiter) Len() int { return -1 }

// Middleware limits requests by key. An over-limit request gets 429, a
// Retry-After header in whole seconds (rounded up, at least 1) and a JSON
// problem body; next is not called.
func (l *Limiter) Middleware(key KeyFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return next }
}
