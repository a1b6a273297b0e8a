package main

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// sendLimits holds one token bucket per user, shared by all of the user's
// connections and by POST /messages: opening a second tab does not double
// the allowance.
type sendLimits struct {
	every rate.Limit
	burst int
	max   int // users tracked before full buckets are forgotten

	mu sync.Mutex
	m  map[string]*rate.Limiter
}

func newSendLimits(perSecond float64, burst, max int) *sendLimits {
	return &sendLimits{every: rate.Limit(perSecond), burst: burst, max: max, m: map[string]*rate.Limiter{}}
}

// allow takes a token for one send by user. When there is none it takes
// nothing and says how long until there is one.
func (l *sendLimits) allow(user string) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	lim, found := l.m[user]
	if !found {
		if len(l.m) >= l.max {
			l.forgetFullLocked()
		}
		lim = rate.NewLimiter(l.every, l.burst)
		l.m[user] = lim
	}
	l.mu.Unlock()
	now := time.Now()
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now) // give the token back: a refused send costs nothing
		return false, d
	}
	return true, 0
}

// forgetFullLocked drops the buckets that have refilled: a full bucket
// behaves like a new one, so forgetting it changes nothing for its user.
func (l *sendLimits) forgetFullLocked() {
	for user, lim := range l.m {
		if lim.Tokens() >= float64(l.burst) {
			delete(l.m, user)
		}
	}
}
