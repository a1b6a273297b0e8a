package httpapi

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// ipLimiter keeps one token bucket per client IP. Buckets idle for longer
// than idleTTL are swept, so memory stays bounded by the recent clients.
// The client IP is the TCP peer: behind a proxy, every client shares the
// proxy's bucket unless the proxy is taught to limit (see README).
type ipLimiter struct {
	mu        sync.Mutex
	limit     rate.Limit
	burst     int
	clients   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

const idleTTL = 10 * time.Minute

func newIPLimiter(limit rate.Limit, burst int) *ipLimiter {
	return &ipLimiter{limit: limit, burst: burst, clients: map[string]*bucket{}}
}

// wait returns 0 if ip may go ahead now, else how long until it may.
func (l *ipLimiter) wait(ip string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > idleTTL {
		for k, b := range l.clients {
			if now.Sub(b.seen) > idleTTL {
				delete(l.clients, k)
			}
		}
		l.lastSweep = now
	}
	b := l.clients[ip]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.clients[ip] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if !res.OK() {
		return time.Hour
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now) // a refused request must not use up a future token
		return d
	}
	return 0
}

// limited answers 429 with Retry-After when the client IP has used up its
// bucket for next (sign-up and login: the endpoints worth brute-forcing).
func (s *Server) limited(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		if d := s.authLimiter.wait(ip, time.Now()); d > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
			writeErrors(w, http.StatusTooManyRequests, "too many attempts; retry in "+strconv.Itoa(int(math.Ceil(d.Seconds())))+" seconds")
			return
		}
		next.ServeHTTP(w, r)
	})
}
