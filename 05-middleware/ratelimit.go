package main

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"workbook/serve/problem"
)

// rateLimiter keeps one token bucket per client. A bucket holds up to
// burst tokens and refills continuously at r tokens per second (a fraction
// of a token counts: at 1/s, 300 ms after the last token was taken the
// bucket holds 0.3); each request takes one whole token. A client that has
// rested may send burst requests at once; after that it gets one request
// per 1/r seconds, so over any window of t seconds at most burst + r·t get
// through. golang.org/x/time/rate does the arithmetic; exercise 5 builds it.
type rateLimiter struct {
	r     rate.Limit
	burst int
	now   func() time.Time

	mu      sync.Mutex
	clients map[string]*client
}

type client struct {
	lim      *rate.Limiter
	lastSeen time.Time
}

// newRateLimiter returns a limiter of perSecond requests per client with
// the given burst, reading time from now (time.Now in production; a fake
// clock in tests, so no test sleeps).
func newRateLimiter(perSecond float64, burst int, now func() time.Time) *rateLimiter {
	return &rateLimiter{r: rate.Limit(perSecond), burst: burst, now: now, clients: map[string]*client{}}
}

// allow takes a token for key, or says how long until one is available.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	c, ok := l.clients[key]
	if !ok {
		l.evictIdleLocked(now)
		c = &client{lim: rate.NewLimiter(l.r, l.burst)}
		l.clients[key] = c
	}
	c.lastSeen = now
	l.mu.Unlock()

	res := c.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now) // we are not going to wait: give the token back
		return false, d
	}
	return true, 0
}

// evictIdleLocked forgets clients idle long enough for a full bucket, so
// memory is bounded by the clients seen in that window.
func (l *rateLimiter) evictIdleLocked(now time.Time) {
	if len(l.clients) < 1024 {
		return
	}
	full := time.Duration(float64(l.burst) / float64(l.r) * float64(time.Second))
	for k, c := range l.clients {
		if now.Sub(c.lastSeen) > full {
			delete(l.clients, k)
		}
	}
}

// middleware limits per authenticated user when there is one, else per
// client IP. It belongs after auth in the chain for exactly that reason.
func (l *rateLimiter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := "user:" + userFrom(r.Context())
		if key == "user:" {
			host, _, _ := net.SplitHostPort(r.RemoteAddr)
			key = "ip:" + host
		}
		ok, wait := l.allow(key)
		if !ok {
			secs := int(math.Ceil(wait.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			problem.Error(w, r, http.StatusTooManyRequests, "rate limit of "+strconv.FormatFloat(float64(l.r), 'g', -1, 64)+
				" requests/s (burst "+strconv.Itoa(l.burst)+") exceeded; retry in "+strconv.Itoa(secs)+"s")
			return
		}
		next.ServeHTTP(w, r)
	})
}
