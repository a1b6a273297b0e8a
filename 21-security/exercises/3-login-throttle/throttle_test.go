package loginthrottle

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

const file = "exercises/3-login-throttle/throttle.go"

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }
func start() *fakeClock                      { return &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }
func testPolicy() Policy                     { return Policy{3, 5, time.Second, 10 * time.Second, time.Hour, 1000} }
func newThrottle(t *testing.T, p Policy) (*Throttle, *fakeClock) {
	t.Helper()
	clk := start()
	th, err := New(p, clk.now)
	if err != nil || th == nil {
		t.Fatalf("New(%+v) = %v, %v (edit %s)", p, th, err, file)
	}
	return th, clk
}

// users is the password database: alice exists, everyone else does not.
// calls counts the password checks.
type users struct{ calls int }

func (u *users) verify(account, password string) error {
	u.calls++
	switch {
	case account != "alice" && account != "Alice" && account != "ALICE":
		return ErrUnknownAccount
	case password != "right":
		return ErrWrongPassword
	}
	return nil
}

func want(t *testing.T, what string, got Result, ok bool, msg string, retry time.Duration) {
	t.Helper()
	if got.OK != ok || got.Message != msg || got.RetryAfter != retry {
		t.Errorf("%s = %+v, want {OK:%v Message:%q RetryAfter:%s} (edit %s)", what, got, ok, msg, retry, file)
	}
}

func TestNewRejectsBadPolicy(t *testing.T) {
	for name, mutate := range map[string]func(*Policy){
		"account threshold 0": func(p *Policy) { p.AccountThreshold = 0 },
		"IP threshold 0":      func(p *Policy) { p.IPThreshold = 0 },
		"zero base":           func(p *Policy) { p.Base = 0 },
		"max below base":      func(p *Policy) { p.Max = p.Base - 1 },
		"zero window":         func(p *Policy) { p.Window = 0 },
		"one key":             func(p *Policy) { p.MaxKeys = 1 },
	} {
		p := testPolicy()
		mutate(&p)
		if _, err := New(p, start().now); !errors.Is(err, ErrPolicy) {
			t.Errorf("New(%s) error = %v, want ErrPolicy (edit %s)", name, err, file)
		}
	}
	edge := Policy{AccountThreshold: 1, IPThreshold: 1, Base: time.Nanosecond, Max: time.Nanosecond, Window: time.Nanosecond, MaxKeys: 2}
	if th, err := New(edge, start().now); err != nil || th == nil {
		t.Errorf("New(smallest valid policy) = %v, %v; want a Throttle", th, err)
	}
}

// TestAccountLockoutIsExponential guesses alice's password from a new IP
// each time, so only the account key can stop it.
func TestAccountLockoutIsExponential(t *testing.T) {
	th, clk := newThrottle(t, testPolicy())
	u := &users{}
	ip := 0
	login := func(pw string) Result {
		ip++
		return th.Login("alice", fmt.Sprintf("192.0.2.%d", ip), pw, u.verify)
	}
	want(t, "good login", login("right"), true, MsgOK, 0)
	want(t, "failure 1", login("guess"), false, MsgInvalid, 0)
	want(t, "failure 2", login("guess"), false, MsgInvalid, 0)
	want(t, "failure 3", login("guess"), false, MsgInvalid, 0)

	calls := u.calls
	want(t, "right password while locked", login("right"), false, MsgLocked, time.Second)
	if u.calls != calls {
		t.Error("Login called verify while the account was locked: a locked key must not even check the password")
	}
	for i, lock := range []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second} {
		clk.advance(time.Nanosecond)
		if got := login("guess"); got.Message != MsgLocked {
			t.Errorf("lock %d: an attempt 1ns in = %+v, want still locked", i+1, got)
		}
		clk.advance(lockRemaining(t, login) - time.Nanosecond)
		want(t, fmt.Sprintf("failure %d, right as the lock ends", i+4), login("guess"), false, MsgInvalid, 0)
		want(t, fmt.Sprintf("after failure %d", i+4), login("guess"), false, MsgLocked, lock)
	}
}

// lockRemaining reads the RetryAfter of one refused attempt.
func lockRemaining(t *testing.T, login func(string) Result) time.Duration {
	t.Helper()
	got := login("guess")
	if got.Message != MsgLocked {
		t.Fatalf("expected a lock, got %+v", got)
	}
	return got.RetryAfter + time.Nanosecond
}

// TestLockCapHolds fails for years: the lock doubles up to Max and stays
// there, without overflowing into a negative or zero lock.
func TestLockCapHolds(t *testing.T) {
	p := testPolicy()
	p.Max = 100 * 365 * 24 * time.Hour
	p.Window = 200 * 365 * 24 * time.Hour
	th, clk := newThrottle(t, p)
	u := &users{}
	prev := time.Duration(0)
	for i := range 60 {
		th.Login("alice", fmt.Sprintf("192.0.2.%d", i), "guess", u.verify)
		if i < 2 {
			continue // below the threshold
		}
		got := th.Login("alice", "198.51.100.1", "right", u.verify)
		if got.Message != MsgLocked || got.RetryAfter < prev || got.RetryAfter > p.Max {
			t.Fatalf("after failure %d: %+v, want locked for at least %s and at most %s (edit %s)", i+1, got, prev, p.Max, file)
		}
		prev = got.RetryAfter
		clk.advance(got.RetryAfter)
	}
	if prev != p.Max {
		t.Errorf("after 60 failures the lock is %s, want the cap %s", prev, p.Max)
	}
}

// TestLockCapIsExact: with Max = 2s+1ns the second lock is 2s (one
// doubling fits under the cap), the third the cap itself.
func TestLockCapIsExact(t *testing.T) {
	p := testPolicy()
	p.Max = 2*time.Second + 1
	th, clk := newThrottle(t, p)
	u := &users{}
	var locks []time.Duration
	for i := range 5 {
		th.Login("alice", fmt.Sprintf("192.0.2.%d", i), "guess", u.verify)
		if i < 2 {
			continue // below the threshold: a good login here would reset the count
		}
		if got := th.Login("alice", "198.51.100.1", "right", u.verify); got.Message == MsgLocked {
			locks = append(locks, got.RetryAfter)
			clk.advance(got.RetryAfter)
		}
	}
	want := []time.Duration{time.Second, 2 * time.Second, 2*time.Second + 1}
	if fmt.Sprint(locks) != fmt.Sprint(want) {
		t.Errorf("locks = %v, want %v (edit %s)", locks, want, file)
	}
}

func TestLockEndsExactly(t *testing.T) {
	th, clk := newThrottle(t, testPolicy())
	u := &users{}
	for range 3 {
		th.Login("alice", "192.0.2.1", "guess", u.verify)
	}
	clk.advance(time.Second - time.Nanosecond)
	want(t, "1ns before the lock ends", th.Login("alice", "192.0.2.2", "right", u.verify), false, MsgLocked, time.Nanosecond)
	clk.advance(time.Nanosecond)
	want(t, "as the lock ends", th.Login("alice", "192.0.2.2", "right", u.verify), true, MsgOK, 0)
}

// TestIPLockout sprays many accounts from one IP.
func TestIPLockout(t *testing.T) {
	th, _ := newThrottle(t, testPolicy())
	u := &users{}
	for i := range 5 {
		want(t, "spray", th.Login(fmt.Sprintf("user%d", i), "198.51.100.7", "123456", u.verify), false, MsgInvalid, 0)
	}
	want(t, "alice from the spraying IP", th.Login("alice", "198.51.100.7", "right", u.verify), false, MsgLocked, time.Second)
	want(t, "alice from another IP", th.Login("alice", "198.51.100.8", "right", u.verify), true, MsgOK, 0)
}

// TestSuccessResetsOnlyTheAccount: a good login clears the account's
// count, but not the IP's, so an attacker with one real account cannot
// launder a spray.
func TestSuccessResetsOnlyTheAccount(t *testing.T) {
	th, _ := newThrottle(t, testPolicy())
	u := &users{}
	ip := "203.0.113.5"
	th.Login("alice", ip, "guess", u.verify)
	th.Login("alice", ip, "guess", u.verify)
	want(t, "good login", th.Login("alice", ip, "right", u.verify), true, MsgOK, 0)
	th.Login("alice", ip, "guess", u.verify)
	want(t, "2 failures after a success", th.Login("alice", ip, "guess", u.verify), false, MsgInvalid, 0)
	// The IP has seen 4 failures; the 5th locks it, for every account.
	th.Login("bob", ip, "guess", u.verify)
	want(t, "alice from the IP after its 5th failure", th.Login("alice", ip, "right", u.verify), false, MsgLocked, time.Second)
}

// TestNoEnumeration plays the same attempts against an account that exists
// and one that does not: every answer must be the same.
func TestNoEnumeration(t *testing.T) {
	run := func(account string) []Result {
		th, _ := newThrottle(t, testPolicy())
		u := &users{}
		var out []Result
		for i := range 5 {
			out = append(out, th.Login(account, fmt.Sprintf("192.0.2.%d", i), "guess", u.verify))
		}
		return out
	}
	real, ghost := run("alice"), run("ghost")
	for i := range real {
		if real[i] != ghost[i] {
			t.Errorf("attempt %d: existing account got %+v, unknown account %+v; an attacker can tell them apart (edit %s)", i+1, real[i], ghost[i], file)
		}
	}
	if real[4].Message != MsgLocked {
		t.Errorf("5 failures = %+v, want locked", real)
	}
}

func TestAccountNamesFoldCase(t *testing.T) {
	th, _ := newThrottle(t, testPolicy())
	u := &users{}
	for i, name := range []string{"Alice", "ALICE", "alice"} {
		th.Login(name, fmt.Sprintf("192.0.2.%d", i), "guess", u.verify)
	}
	want(t, "alice after failures as Alice, ALICE, alice", th.Login("alice", "192.0.2.9", "right", u.verify), false, MsgLocked, time.Second)
}

func TestIPv6CountsBySlash64(t *testing.T) {
	th, _ := newThrottle(t, testPolicy())
	u := &users{}
	for i := range 5 {
		th.Login(fmt.Sprintf("user%d", i), fmt.Sprintf("2001:db8:1:2::%x", i+1), "guess", u.verify)
	}
	want(t, "another address in the same /64", th.Login("alice", "2001:db8:1:2:ffff::1", "right", u.verify), false, MsgLocked, time.Second)
	want(t, "the next /64", th.Login("alice", "2001:db8:1:3::1", "right", u.verify), true, MsgOK, 0)

	for i := range 5 {
		th.Login(fmt.Sprintf("user%d", i), "::ffff:198.51.100.1", "guess", u.verify)
	}
	want(t, "the IPv4 address of a mapped IPv6 one", th.Login("alice", "198.51.100.1", "right", u.verify), false, MsgLocked, time.Second)
}

func TestWindowForgetsOldFailures(t *testing.T) {
	th, clk := newThrottle(t, testPolicy())
	u := &users{}
	th.Login("alice", "192.0.2.1", "guess", u.verify)
	th.Login("alice", "192.0.2.2", "guess", u.verify)
	clk.advance(time.Hour - time.Nanosecond)
	want(t, "3rd failure just inside the window", th.Login("alice", "192.0.2.3", "guess", u.verify), false, MsgInvalid, 0)
	want(t, "then", th.Login("alice", "192.0.2.4", "right", u.verify), false, MsgLocked, time.Second)

	th2, clk2 := newThrottle(t, testPolicy())
	th2.Login("alice", "192.0.2.1", "guess", u.verify)
	th2.Login("alice", "192.0.2.2", "guess", u.verify)
	clk2.advance(time.Hour)
	th2.Login("alice", "192.0.2.3", "guess", u.verify) // a whole window later: failure 1 again
	th2.Login("alice", "192.0.2.4", "guess", u.verify)
	want(t, "two failures in the new window", th2.Login("alice", "192.0.2.5", "right", u.verify), true, MsgOK, 0)
}

func TestVerifyErrorFailsClosed(t *testing.T) {
	th, _ := newThrottle(t, testPolicy())
	down := func(string, string) error { return errors.New("database is down") }
	for range 5 {
		want(t, "verify cannot tell", th.Login("alice", "192.0.2.1", "right", down), false, MsgUnavailable, 0)
	}
	u := &users{}
	want(t, "after the outage", th.Login("alice", "192.0.2.1", "right", u.verify), true, MsgOK, 0)
}

// TestBoundedMemory sprays new accounts from new IPs: the throttle keeps at
// most MaxKeys keys, dropping the one whose last failure is oldest.
func TestBoundedMemory(t *testing.T) {
	p := testPolicy()
	p.MaxKeys = 10
	th, clk := newThrottle(t, p)
	u := &users{}
	for i := range 100 {
		clk.advance(time.Millisecond)
		th.Login(fmt.Sprintf("user%d", i), fmt.Sprintf("10.0.%d.%d", i/256, i%256), "guess", u.verify)
		if n := th.Len(); n > 10 || n != min(2*(i+1), 10) {
			t.Fatalf("after %d sprayed failures Len() = %d, want %d (edit %s)", i+1, n, min(2*(i+1), 10), file)
		}
	}
	// The newest keys survive: user99 has one failure on record, so two
	// more lock it.
	th.Login("user99", "192.0.2.1", "guess", u.verify)
	th.Login("user99", "192.0.2.2", "guess", u.verify)
	if got := th.Login("user99", "192.0.2.3", "guess", u.verify); got.Message != MsgLocked {
		t.Errorf("user99 after 3 failures = %+v, want locked: the newest key must not be evicted", got)
	}
	// The oldest is gone: user0 starts from zero.
	th.Login("user0", "192.0.2.4", "guess", u.verify)
	th.Login("user0", "192.0.2.5", "guess", u.verify)
	if got := th.Login("user0", "192.0.2.6", "guess", u.verify); got.Message != MsgInvalid {
		t.Errorf("user0's 3rd attempt after eviction = %+v, want it unlocked (its old failure was evicted)", got)
	}
}
