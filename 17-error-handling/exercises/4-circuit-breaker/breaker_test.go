package circuitbreaker

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a fake, concurrency-safe clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var errBoom = errors.New("boom")

func fail() error    { return errBoom }
func succeed() error { return nil }

// within fails the test unless ch is closed within 5 s: a wrong breaker
// must fail the test, not hang it.
func within(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatalf("gave up waiting: %s", what)
	}
}

// call runs Do and reports whether op ran and what Do returned.
func call(b *Breaker, op func() error) (ran bool, err error) {
	err = b.Do(func() error {
		ran = true
		return op()
	})
	return ran, err
}

// tripped returns a breaker (threshold 3, timeout 10s, probes p) that has
// just opened, and its clock.
func tripped(t *testing.T, probes int) (*Breaker, *clock) {
	t.Helper()
	c := newClock()
	b := New(Settings{FailureThreshold: 3, OpenTimeout: 10 * time.Second, HalfOpenProbes: probes, Now: c.now})
	for range 3 {
		call(b, fail)
	}
	if st := b.State(); st != Open {
		t.Fatalf("after 3 failures at threshold 3 the state is %v, want open", st)
	}
	return b, c
}

func TestClosedPassesCallsThrough(t *testing.T) {
	b := New(Settings{FailureThreshold: 3, OpenTimeout: time.Second, Now: newClock().now})
	if st := b.State(); st != Closed {
		t.Errorf("a new breaker is %v, want closed", st)
	}
	if ran, err := call(b, succeed); !ran || err != nil {
		t.Errorf("success: ran %v, err %v; want ran, nil", ran, err)
	}
	other := fmt.Errorf("wrapped: %w", errBoom)
	if ran, err := call(b, func() error { return other }); !ran || err != other {
		t.Errorf("failure: ran %v, err %v; want ran and op's error unchanged", ran, err)
	}
	if st := b.State(); st != Closed {
		t.Errorf("one failure below the threshold: %v, want closed", st)
	}
}

func TestOpensAfterConsecutiveFailures(t *testing.T) {
	b := New(Settings{FailureThreshold: 3, OpenTimeout: time.Second, Now: newClock().now})
	for i, op := range []func() error{fail, fail, succeed, fail, fail} {
		call(b, op)
		if st := b.State(); st != Closed {
			t.Fatalf("after call %d (a success reset the count) the state is %v, want closed", i+1, st)
		}
	}
	call(b, fail) // third consecutive failure
	if st := b.State(); st != Open {
		t.Fatalf("after 3 consecutive failures: %v, want open", st)
	}
	if ran, err := call(b, succeed); ran || !errors.Is(err, ErrOpen) {
		t.Errorf("open: ran %v, err %v; want refused with ErrOpen", ran, err)
	}
}

func TestOpenTimeoutUsesTheClock(t *testing.T) {
	b, c := tripped(t, 1)
	c.add(10*time.Second - time.Nanosecond)
	if ran, err := call(b, succeed); ran || !errors.Is(err, ErrOpen) || b.State() != Open {
		t.Errorf("1ns before the timeout: ran %v, err %v, state %v; want refused, open", ran, err, b.State())
	}
	c.add(time.Nanosecond)
	if st := b.State(); st != HalfOpen {
		t.Errorf("at the timeout: %v, want half-open", st)
	}
}

func TestProbeSuccessClosesAndResetsCounts(t *testing.T) {
	b, c := tripped(t, 1)
	c.add(10 * time.Second)
	if ran, err := call(b, succeed); !ran || err != nil {
		t.Fatalf("half-open probe: ran %v, err %v; want ran, nil", ran, err)
	}
	if st := b.State(); st != Closed {
		t.Fatalf("after a good probe: %v, want closed", st)
	}
	call(b, fail)
	call(b, fail)
	if st := b.State(); st != Closed {
		t.Errorf("2 failures after closing (threshold 3): %v, want closed — counts start afresh", st)
	}
	call(b, fail)
	if st := b.State(); st != Open {
		t.Errorf("3 failures after closing: %v, want open", st)
	}
}

func TestProbeFailureReopensForAFullTimeout(t *testing.T) {
	b, c := tripped(t, 1)
	c.add(15 * time.Second)
	if ran, err := call(b, fail); !ran || err != errBoom {
		t.Fatalf("failing probe: ran %v, err %v; want ran, op's error", ran, err)
	}
	if st := b.State(); st != Open {
		t.Fatalf("after a failed probe: %v, want open", st)
	}
	c.add(10*time.Second - time.Nanosecond) // counted from the reopening, not the first opening
	if st := b.State(); st != Open {
		t.Errorf("1ns before the new timeout: %v, want open", st)
	}
	c.add(time.Nanosecond)
	if st := b.State(); st != HalfOpen {
		t.Errorf("at the new timeout: %v, want half-open", st)
	}
}

// TestHalfOpenLimitsProbes: with 2 probes, 20 callers at once get exactly
// 2 calls through; both must succeed to close.
func TestHalfOpenLimitsProbes(t *testing.T) {
	b, c := tripped(t, 2)
	c.add(10 * time.Second)
	release := make(chan struct{})
	var entered, refused atomic.Int32
	var wg, admittedOrRefused sync.WaitGroup
	for range 20 {
		wg.Add(1)
		admittedOrRefused.Add(1)
		go func() {
			defer wg.Done()
			ran := false
			err := b.Do(func() error {
				ran = true
				entered.Add(1)
				admittedOrRefused.Done()
				<-release
				return nil
			})
			if !ran {
				if errors.Is(err, ErrOpen) {
					refused.Add(1)
				}
				admittedOrRefused.Done()
			}
		}()
	}
	allIn := make(chan struct{})
	go func() { admittedOrRefused.Wait(); close(allIn) }()
	select {
	case <-allIn:
	case <-time.After(5 * time.Second):
		close(release)
		t.Fatalf("of 20 callers, %d ran, %d were refused and the rest are stuck", entered.Load(), refused.Load())
	}
	if entered.Load() != 2 || refused.Load() != 18 {
		t.Errorf("half-open with 2 probes: %d calls ran, %d refused; want 2 and 18", entered.Load(), refused.Load())
	}
	close(release)
	wg.Wait()
	if st := b.State(); st != Closed {
		t.Errorf("after 2 good probes: %v, want closed", st)
	}
}

func TestEveryProbeMustSucceed(t *testing.T) {
	b, c := tripped(t, 2)
	c.add(10 * time.Second)
	call(b, succeed)
	if st := b.State(); st != HalfOpen {
		t.Fatalf("after 1 of 2 good probes: %v, want still half-open", st)
	}
	if ran, _ := call(b, fail); !ran {
		t.Fatal("the second probe was refused; a finished probe must free its slot")
	}
	if st := b.State(); st != Open {
		t.Errorf("a good probe then a bad one: %v, want open", st)
	}
}

func TestStateChangeCallback(t *testing.T) {
	c := newClock()
	var mu sync.Mutex
	var got []string
	var b *Breaker
	b = New(Settings{FailureThreshold: 1, OpenTimeout: time.Second, HalfOpenProbes: 1, Now: c.now,
		OnStateChange: func(from, to State) {
			_ = b.State() // allowed: the lock is not held
			mu.Lock()
			got = append(got, from.String()+"→"+to.String())
			mu.Unlock()
		}})
	done := make(chan struct{})
	go func() {
		defer close(done)
		call(b, succeed) // no change
		call(b, fail)    // closed → open
		call(b, succeed) // refused: no change
		c.add(time.Second)
		b.State()     // open → half-open
		call(b, fail) // half-open → open
		c.add(time.Second)
		call(b, succeed) // open → half-open (seen by Do), half-open → closed
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("deadlock: OnStateChange was called with the breaker's lock held")
	}
	want := []string{"closed→open", "open→half-open", "half-open→open", "open→half-open", "half-open→closed"}
	if !slices.Equal(got, want) {
		t.Errorf("transitions = %v, want %v", got, want)
	}
}

// TestLateResultsAreIgnored: a call admitted before a transition reports
// on a state that is gone; its result must not count in the new one.
func TestLateResultsAreIgnored(t *testing.T) {
	c := newClock()
	// A slow call admitted while closed finishes after the breaker opened
	// and went half-open: it is no probe.
	b2 := New(Settings{FailureThreshold: 1, OpenTimeout: time.Second, HalfOpenProbes: 1, Now: c.now})
	started, finish := make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = b2.Do(func() error { close(started); <-finish; return nil })
	}()
	within(t, started, "the first call never ran")
	call(b2, fail) // opens it
	c.add(time.Second)
	if st := b2.State(); st != HalfOpen {
		t.Fatalf("state %v, want half-open", st)
	}
	close(finish)
	within(t, done, "the slow call never returned")
	if st := b2.State(); st != HalfOpen {
		t.Errorf("a success admitted while closed, finished in half-open, moved it to %v; want it ignored", st)
	}
	if ran, _ := call(b2, succeed); !ran {
		t.Error("the late result took the probe slot")
	}

	if st := b2.State(); st != Closed {
		t.Fatalf("after a good probe: %v, want closed", st)
	}

	// A slow failure admitted while closed finishes after the breaker
	// opened, half-opened and closed again: at threshold 1 it would open
	// it, but it belongs to a state that is gone.
	started, finish, done = make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		_ = b2.Do(func() error { close(started); <-finish; return errBoom })
	}()
	within(t, started, "the slow failure never ran")
	call(b2, fail) // open
	c.add(time.Second)
	call(b2, succeed) // half-open → closed
	close(finish)
	within(t, done, "the slow failure never returned")
	if st := b2.State(); st != Closed {
		t.Errorf("a failure admitted two transitions ago moved the breaker to %v; want it ignored (closed)", st)
	}
}

// TestPanicCountsAsFailure: the panic goes on, and the probe slot is freed.
func TestPanicCountsAsFailure(t *testing.T) {
	b, c := tripped(t, 1)
	c.add(10 * time.Second)
	func() {
		defer func() {
			if v := recover(); v != "probe bug" {
				t.Errorf("recovered %v, want the op's panic passed on", v)
			}
		}()
		_ = b.Do(func() error { panic("probe bug") })
	}()
	if st := b.State(); st != Open {
		t.Errorf("after a panicking probe: %v, want open", st)
	}
	b3 := New(Settings{FailureThreshold: 2, OpenTimeout: time.Second, Now: c.now})
	for range 2 {
		func() {
			defer func() { _ = recover() }()
			_ = b3.Do(func() error { panic("bug") })
		}()
	}
	if st := b3.State(); st != Open {
		t.Errorf("after 2 panics at threshold 2: %v, want open", st)
	}
}

func TestDefaults(t *testing.T) {
	b := New(Settings{OpenTimeout: 20 * time.Millisecond}) // threshold 1, 1 probe, the real clock
	call(b, fail)
	if st := b.State(); st != Open {
		t.Fatalf("threshold 0 (means 1), after 1 failure: %v, want open", st)
	}
	time.Sleep(40 * time.Millisecond)
	if st := b.State(); st != HalfOpen {
		t.Fatalf("after the real timeout: %v, want half-open", st)
	}
	call(b, succeed)
	if st := b.State(); st != Closed {
		t.Errorf("probes 0 (means 1), after 1 good probe: %v, want closed", st)
	}
}

// TestConcurrentUse is for -race: many callers, a moving clock, mixed
// results; the breaker must stay consistent and never run more probes at
// once than allowed.
func TestConcurrentUse(t *testing.T) {
	c := newClock()
	b := New(Settings{FailureThreshold: 5, OpenTimeout: time.Millisecond, HalfOpenProbes: 3, Now: c.now})
	var ran, refused atomic.Int64
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				err := b.Do(func() error {
					ran.Add(1)
					_ = b.State()
					if (g+i)%100 < 30 {
						return errBoom
					}
					return nil
				})
				if errors.Is(err, ErrOpen) {
					refused.Add(1)
				}
				if i%50 == 0 {
					c.add(time.Millisecond)
				}
			}
		}()
	}
	wg.Wait()
	if ran.Load() == 0 || ran.Load()+refused.Load() != 16*300 {
		t.Errorf("%d calls ran and %d were refused, want some ran and %d in all", ran.Load(), refused.Load(), 16*300)
	}
	if st := b.State(); st != Closed && st != Open && st != HalfOpen {
		t.Errorf("final state %v", st)
	}
}
