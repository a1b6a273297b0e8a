//go:build solution

package ratelimit

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

type bucket struct {
	tokens float64
	last   time.Time // when tokens was last brought up to date
}

// Limiter refills lazily: a bucket is only updated when its key is used,
// from the time elapsed since — no timers, no goroutines.
type Limiter struct {
	rate  float64
	burst float64
	now   Clock

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

func New(rate float64, burst int, now Clock) *Limiter {
	return &Limiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// fillTime is how long an empty bucket takes to become full.
func (l *Limiter) fillTime() time.Duration {
	return time.Duration(l.burst / l.rate * float64(time.Second))
}

func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweepLocked(now)

	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	// A clock that steps backwards must not mint tokens.
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = math.Min(l.burst, b.tokens+elapsed.Seconds()*l.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

// sweepLocked forgets buckets idle long enough to be full again: a
// forgotten key starts full, so dropping it changes nothing. Sweeping at
// most once per fill time keeps Allow O(1) amortised.
func (l *Limiter) sweepLocked(now time.Time) {
	fill := l.fillTime()
	if now.Sub(l.lastSweep) < fill {
		return
	}
	l.lastSweep = now
	for k, b := range l.buckets {
		if now.Sub(b.last) >= fill {
			delete(l.buckets, k)
		}
	}
}

func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

func (l *Limiter) Middleware(key KeyFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ok, wait := l.Allow(key(r))
			if ok {
				next.ServeHTTP(w, r)
				return
			}
			secs := max(1, int(math.Ceil(wait.Seconds())))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"rate limit exceeded; retry in %ds"}`+"\n", secs)
		})
	}
}
