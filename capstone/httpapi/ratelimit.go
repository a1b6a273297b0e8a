package httpapi

import (
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// keyLimiter keeps one token bucket per key: a client network for sign-up
// and login, a user for password changes. Buckets idle for longer than
// idleTTL are swept, and the map never holds more than maxKeys buckets:
// when it is full of recent keys, the newcomers share one overflow bucket,
// so a flood of fresh addresses costs bounded memory and gains one bucket.
type keyLimiter struct {
	mu        sync.Mutex
	limit     rate.Limit
	burst     int
	maxKeys   int
	clients   map[string]*bucket
	overflow  *rate.Limiter
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

const (
	idleTTL        = 10 * time.Minute
	defaultMaxKeys = 100_000
)

func newKeyLimiter(limit rate.Limit, burst int) *keyLimiter {
	return &keyLimiter{limit: limit, burst: burst, maxKeys: defaultMaxKeys,
		clients: map[string]*bucket{}, overflow: rate.NewLimiter(limit, burst)}
}

// clientNetwork is the key a client's requests are limited under: its IPv4
// address, or the /64 of its IPv6 address — one subscriber usually gets a
// whole /64, so keying on the exact address would give them 2^64 buckets.
func clientNetwork(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return ip.String()
	}
	return netip.PrefixFrom(ip, 64).Masked().String()
}

// wait returns 0 if key may go ahead now, else how long until it may.
func (l *keyLimiter) wait(key string, now time.Time) time.Duration {
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
	lim := l.overflow
	if b := l.clients[key]; b != nil {
		b.seen, lim = now, b.lim
	} else if len(l.clients) < l.maxKeys {
		lim = rate.NewLimiter(l.limit, l.burst)
		l.clients[key] = &bucket{lim: lim, seen: now}
	}
	res := lim.ReserveN(now, 1)
	if !res.OK() {
		return time.Hour
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now) // a refused request must not use up a future token
		return d
	}
	return 0
}

// limited answers 429 with Retry-After when the client's network has used
// up its bucket for next (sign-up and login: the endpoints worth
// brute-forcing).
func (s *Server) limited(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tooMany(w, s.authLimiter, clientNetwork(r.RemoteAddr)) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

// tooMany answers 429 with Retry-After and reports true when key has no
// token left in l.
func tooMany(w http.ResponseWriter, l *keyLimiter, key string) bool {
	d := l.wait(key, time.Now())
	if d <= 0 {
		return false
	}
	secs := strconv.Itoa(int(math.Ceil(d.Seconds())))
	w.Header().Set("Retry-After", secs)
	writeErrors(w, http.StatusTooManyRequests, "too many attempts; retry in "+secs+" seconds")
	return true
}
