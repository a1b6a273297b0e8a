package main

import (
	"sync"
	"time"
)

// loginLimiter counts failed logins per key (account + client IP) in a
// window that starts at the first failure. After max failures the key is
// blocked until the window ends. Keying on the pair means an attacker
// cannot lock a victim out from elsewhere, and one IP spraying many
// accounts is still slowed per account (a per-IP limit in front, e.g. the
// token bucket of 05-middleware, covers the spray itself).
type loginLimiter struct {
	mu      sync.Mutex
	max     int
	window  time.Duration
	now     func() time.Time
	entries map[string]*loginFailures
}

type loginFailures struct {
	count int
	first time.Time
}

func newLoginLimiter(max int, window time.Duration, now func() time.Time) *loginLimiter {
	return &loginLimiter{max: max, window: window, now: now, entries: map[string]*loginFailures{}}
}

// allow reports whether key may try to log in, and if not, how long to wait.
func (l *loginLimiter) allow(key string) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, found := l.entries[key]
	if !found {
		return true, 0
	}
	end := e.first.Add(l.window)
	if !l.now().Before(end) {
		delete(l.entries, key)
		return true, 0
	}
	if e.count >= l.max {
		return false, end.Sub(l.now())
	}
	return true, 0
}

// fail records a failed attempt.
func (l *loginLimiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	e, ok := l.entries[key]
	if !ok || !now.Before(e.first.Add(l.window)) {
		l.pruneLocked(now)
		l.entries[key] = &loginFailures{count: 1, first: now}
		return
	}
	e.count++
}

// reset forgets key after a successful login.
func (l *loginLimiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, key)
}

// pruneLocked drops finished windows once the map grows, so memory stays
// bounded by the number of keys active within one window.
func (l *loginLimiter) pruneLocked(now time.Time) {
	if len(l.entries) < 10_000 {
		return
	}
	for k, e := range l.entries {
		if !now.Before(e.first.Add(l.window)) {
			delete(l.entries, k)
		}
	}
}
