//go:build solution

package loginthrottle

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"time"
)

type entry struct {
	failures    int
	last        time.Time // the latest failure
	lockedUntil time.Time
}

// Throttle counts failed logins per account and per IP.
type Throttle struct {
	mu   sync.Mutex
	p    Policy
	now  Clock
	keys map[string]*entry
}

// New checks p and returns an empty Throttle, or an error wrapping ErrPolicy.
func New(p Policy, now Clock) (*Throttle, error) {
	switch {
	case p.AccountThreshold < 1 || p.IPThreshold < 1:
		return nil, fmt.Errorf("%w: thresholds must be at least 1", ErrPolicy)
	case p.Base <= 0 || p.Max < p.Base:
		return nil, fmt.Errorf("%w: want 0 < Base <= Max", ErrPolicy)
	case p.Window <= 0:
		return nil, fmt.Errorf("%w: Window must be positive", ErrPolicy)
	case p.MaxKeys < 2:
		return nil, fmt.Errorf("%w: MaxKeys must be at least 2", ErrPolicy)
	}
	return &Throttle{p: p, now: now, keys: map[string]*entry{}}, nil
}

// accountKey folds case, so "Alice" and "ALICE" share one counter.
func accountKey(account string) string { return "a:" + strings.ToLower(account) }

// ipKey groups IPv6 by /64 (one subscriber's whole allocation) and reads
// ::ffff:1.2.3.4 as 1.2.3.4.
func ipKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return "ip:" + ip
	}
	addr = addr.Unmap()
	if addr.Is6() {
		return "ip:" + netip.PrefixFrom(addr, 64).Masked().String()
	}
	return "ip:" + addr.String()
}

// lockLeft is how long key stays locked.
func (t *Throttle) lockLeft(key string, now time.Time) time.Duration {
	e := t.keys[key]
	if e == nil || !now.Before(e.lockedUntil) {
		return 0
	}
	return e.lockedUntil.Sub(now)
}

// lockFor is the lock after the n-th failure past the threshold (n ≥ 0):
// Base doubled n times, never above Max. Checking before doubling keeps d
// at most Max, so it can never overflow.
func (t *Throttle) lockFor(n int) time.Duration {
	d := t.p.Base
	for range n {
		if d > t.p.Max/2 {
			return t.p.Max
		}
		d *= 2
	}
	return d
}

// fail counts one failure against key.
func (t *Throttle) fail(key string, threshold int, now time.Time) {
	e := t.keys[key]
	if e == nil {
		if len(t.keys) >= t.p.MaxKeys {
			t.evictOldest()
		}
		e = &entry{}
		t.keys[key] = e
	} else if !now.Before(e.last.Add(t.p.Window)) {
		e.failures = 0
	}
	e.failures++
	e.last = now
	if e.failures >= threshold {
		e.lockedUntil = now.Add(t.lockFor(e.failures - threshold))
	}
}

// evictOldest drops the key whose latest failure is oldest.
func (t *Throttle) evictOldest() {
	var oldest string
	var at time.Time
	for k, e := range t.keys {
		if oldest == "" || e.last.Before(at) {
			oldest, at = k, e.last
		}
	}
	delete(t.keys, oldest)
}

// Login runs one attempt: refused while the account or the IP is locked
// (without calling verify), else verify decides, and a failure counts
// against both keys — for an unknown account exactly as for a real one.
func (t *Throttle) Login(account, ip, password string, verify Verify) Result {
	ak, ik := accountKey(account), ipKey(ip)
	now := t.now()
	t.mu.Lock()
	wait := max(t.lockLeft(ak, now), t.lockLeft(ik, now))
	t.mu.Unlock()
	if wait > 0 {
		return Result{Message: MsgLocked, RetryAfter: wait}
	}

	err := verify(account, password)
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case err == nil:
		delete(t.keys, ak) // the IP keeps its count: one good account must not launder a spray
		return Result{OK: true, Message: MsgOK}
	case errors.Is(err, ErrUnknownAccount), errors.Is(err, ErrWrongPassword):
		t.fail(ak, t.p.AccountThreshold, now)
		t.fail(ik, t.p.IPThreshold, now)
		return Result{Message: MsgInvalid}
	default:
		return Result{Message: MsgUnavailable} // fail closed, and not the user's failure
	}
}

// Len is how many keys (accounts and IPs) are tracked.
func (t *Throttle) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.keys)
}
