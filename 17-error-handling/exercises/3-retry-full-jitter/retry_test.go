package retryjitter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

// recorder is a fake Sleep: it records every wait and returns at once
// (ctx.Err() when ctx is done, like the real one).
type recorder struct{ waits []time.Duration }

func (r *recorder) sleep(ctx context.Context, d time.Duration) error {
	r.waits = append(r.waits, d)
	return ctx.Err()
}

// randoms returns the values in turn (exact binary fractions, so the waits
// are exact), then the last one forever.
func randoms(vs ...float64) func() float64 {
	return func() float64 {
		v := vs[0]
		if len(vs) > 1 {
			vs = vs[1:]
		}
		return v
	}
}

// failing returns an op that fails with errs in turn, then succeeds, and
// counts its calls.
func failing(calls *int, errs ...error) func(context.Context) error {
	return func(context.Context) error {
		*calls++
		if *calls <= len(errs) {
			return errs[*calls-1]
		}
		return nil
	}
}

func numbered(n int) []error {
	out := make([]error, n)
	for i := range out {
		out[i] = fmt.Errorf("transient failure %d", i+1)
	}
	return out
}

func TestSucceedsAfterRetries(t *testing.T) {
	rec := &recorder{}
	calls := 0
	p := Policy{Base: 100 * time.Millisecond, Cap: time.Second, MaxAttempts: 5, Rand: randoms(0.5), Sleep: rec.sleep}
	if err := Retry(context.Background(), p, failing(&calls, numbered(2)...)); err != nil || calls != 3 {
		t.Fatalf("Retry = %v after %d calls, want nil after 3", err, calls)
	}
	if want := []time.Duration{50 * time.Millisecond, 100 * time.Millisecond}; !slices.Equal(rec.waits, want) {
		t.Errorf("waits = %v, want %v", rec.waits, want)
	}
	calls = 0
	if err := Retry(context.Background(), p, failing(&calls)); err != nil || calls != 1 || len(rec.waits) != 2 {
		t.Errorf("an op that succeeds at once: %v after %d calls, %d more waits; want nil, 1, 0", err, calls, len(rec.waits)-2)
	}
}

// TestFullJitterWaits: wait n is Rand() × min(Cap, Base·2ⁿ) — full jitter,
// uniform from zero, not "ceiling ± some".
func TestFullJitterWaits(t *testing.T) {
	rec := &recorder{}
	calls := 0
	errs := numbered(6)
	p := Policy{Base: 100 * time.Millisecond, Cap: time.Second, MaxAttempts: 6,
		Rand: randoms(0.5, 0.25, 0.75, 0, 0.5), Sleep: rec.sleep}
	err := Retry(context.Background(), p, failing(&calls, errs...))
	// ceilings 100ms, 200ms, 400ms, 800ms, 1s (1.6s capped)
	want := []time.Duration{50 * time.Millisecond, 50 * time.Millisecond, 300 * time.Millisecond, 0, 500 * time.Millisecond}
	if !slices.Equal(rec.waits, want) {
		t.Errorf("waits = %v, want %v", rec.waits, want)
	}
	if calls != 6 || !errors.Is(err, errs[5]) || errors.Is(err, errs[4]) {
		t.Errorf("after %d calls Retry = %v, want 6 calls and an error wrapping the last failure only", calls, err)
	}
}

func TestCapHoldsForManyAttempts(t *testing.T) {
	rec := &recorder{}
	calls := 0
	p := Policy{Base: time.Second, Cap: 30 * time.Second, MaxAttempts: 100, Rand: randoms(0.5), Sleep: rec.sleep}
	_ = Retry(context.Background(), p, failing(&calls, numbered(100)...))
	if len(rec.waits) != 99 {
		t.Fatalf("%d waits for 100 attempts, want 99", len(rec.waits))
	}
	for i, w := range rec.waits {
		if w < 0 || w > 15*time.Second {
			t.Fatalf("wait %d = %v: outside [0, Cap/2] for Rand 0.5 (overflow?)", i, w)
		}
	}
	if got := rec.waits[98]; got != 15*time.Second {
		t.Errorf("last wait = %v, want 15s (Rand 0.5 of the 30s cap)", got)
	}
	if got := rec.waits[4]; got != 8*time.Second {
		t.Errorf("wait 4 = %v, want 8s (0.5 × 16s, under the cap)", got)
	}
}

func TestCapIsExactAtTheBoundary(t *testing.T) {
	rec := &recorder{}
	calls := 0
	// Ceilings 3s, 6s, 7s (12s capped), 7s: a cap that is not Base·2ⁿ.
	p := Policy{Base: 3 * time.Second, Cap: 7 * time.Second, MaxAttempts: 5, Rand: randoms(0.5), Sleep: rec.sleep}
	_ = Retry(context.Background(), p, failing(&calls, numbered(5)...))
	want := []time.Duration{1500 * time.Millisecond, 3 * time.Second, 3500 * time.Millisecond, 3500 * time.Millisecond}
	if !slices.Equal(rec.waits, want) {
		t.Errorf("waits = %v, want %v", rec.waits, want)
	}
	// The same in nanoseconds, where Cap/2 rounds down: 3 doubles to 6, not to the cap.
	rec.waits = nil
	calls = 0
	p = Policy{Base: 3, Cap: 7, MaxAttempts: 5, Rand: randoms(0.75), Sleep: rec.sleep}
	_ = Retry(context.Background(), p, failing(&calls, numbered(5)...))
	if want := []time.Duration{2, 4, 5, 5}; !slices.Equal(rec.waits, want) { // 0.75 × {3, 6, 7, 7}, truncated
		t.Errorf("Base 3ns, Cap 7ns: waits = %v, want %v", rec.waits, want)
	}
	rec.waits = nil
	calls = 0
	p = Policy{Base: 2 * time.Second, Cap: 8 * time.Second, MaxAttempts: 5, Rand: randoms(0.5), Sleep: rec.sleep}
	_ = Retry(context.Background(), p, failing(&calls, numbered(5)...))
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second}; !slices.Equal(rec.waits, want) { // ceilings 2s, 4s, 8s, 8s
		t.Errorf("Base 2, Cap 8: waits = %v, want %v", rec.waits, want)
	}
}

func TestMaxAttempts(t *testing.T) {
	for _, c := range []struct{ max, calls, waits int }{{3, 3, 2}, {1, 1, 0}, {0, 1, 0}, {-2, 1, 0}} {
		rec := &recorder{}
		calls := 0
		errs := numbered(10)
		err := Retry(context.Background(), Policy{Base: 1, Cap: 1, MaxAttempts: c.max, Rand: randoms(0), Sleep: rec.sleep}, failing(&calls, errs...))
		if calls != c.calls || len(rec.waits) != c.waits || !errors.Is(err, errs[c.calls-1]) {
			t.Errorf("MaxAttempts %d: %d calls, %d waits, %v; want %d, %d and the last failure", c.max, calls, len(rec.waits), err, c.calls, c.waits)
		}
	}
}

func TestPermanentErrorsAreNotRetried(t *testing.T) {
	rec := &recorder{}
	calls := 0
	bad := errors.New("invalid request")
	perm := Permanent(fmt.Errorf("validate: %w", bad))
	p := Policy{Base: 1, Cap: 1, MaxAttempts: 5, Rand: randoms(0), Sleep: rec.sleep,
		Retryable: func(error) bool { return true }} // Permanent wins over the classifier
	err := Retry(context.Background(), p, failing(&calls, errors.New("blip"), perm))
	if calls != 2 || len(rec.waits) != 1 || err != perm || !errors.Is(err, bad) {
		t.Errorf("Permanent on call 2: %d calls, %d waits, %v; want 2, 1, op's error as returned", calls, len(rec.waits), err)
	}
	wrapped := fmt.Errorf("repo: %w", Permanent(bad)) // the mark, wrapped
	calls = 0
	if err := Retry(context.Background(), p, failing(&calls, wrapped)); calls != 1 || err != wrapped {
		t.Errorf("a wrapped Permanent: %d calls, %v; want 1 call and op's error", calls, err)
	}
	if Permanent(nil) != nil {
		t.Error("Permanent(nil) != nil")
	}
}

func TestRetryableClassifier(t *testing.T) {
	errBusy := errors.New("busy")
	errDenied := errors.New("denied")
	rec := &recorder{}
	calls := 0
	p := Policy{Base: 1, Cap: 1, MaxAttempts: 10, Rand: randoms(0), Sleep: rec.sleep,
		Retryable: func(err error) bool { return errors.Is(err, errBusy) }}
	denied := fmt.Errorf("call: %w", errDenied)
	err := Retry(context.Background(), p, failing(&calls, fmt.Errorf("call: %w", errBusy), errBusy, denied))
	if calls != 3 || len(rec.waits) != 2 || err != denied {
		t.Errorf("busy, busy, denied: %d calls, %d waits, %v; want 3, 2, the denied error as returned", calls, len(rec.waits), err)
	}
}

// TestCancelStopsTheWait uses the real Sleep: the wait is half an hour, so
// only a wait that watches the context ends in time.
func TestCancelStopsTheWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errDown := errors.New("dependency down")
	p := Policy{Base: time.Hour, Cap: time.Hour, MaxAttempts: 3, Rand: randoms(0.5)}
	calls := 0
	done := make(chan error, 1)
	go func() { done <- Retry(ctx, p, failing(&calls, errDown, errDown, errDown)) }()
	time.AfterFunc(20*time.Millisecond, cancel)
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || !errors.Is(err, errDown) || calls != 1 {
			t.Errorf("cancelled mid-wait: %v after %d calls, want an error wrapping context.Canceled and the last failure after 1", err, calls)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Retry kept waiting after its context was cancelled")
	}
}

func TestDeadlineStopsTheWait(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	errDown := errors.New("dependency down")
	done := make(chan error, 1)
	calls := 0
	go func() {
		done <- Retry(ctx, Policy{Base: time.Hour, Cap: time.Hour, MaxAttempts: 2, Rand: randoms(0.5)}, failing(&calls, errDown, errDown))
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, errDown) {
			t.Errorf("deadline mid-wait: %v, want both the deadline and the last failure", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Retry kept waiting past its deadline")
	}
}

func TestDoneContextIsNotCalled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := &recorder{}
	calls := 0
	err := Retry(ctx, Policy{Base: 1, Cap: 1, MaxAttempts: 3, Sleep: rec.sleep}, failing(&calls, errors.New("x")))
	if calls != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled context: %d calls, %v; want 0 calls and context.Canceled", calls, err)
	}
}

// TestContextDoneDuringTheAttempt: the op itself saw the context end; no
// wait follows and no other attempt.
func TestContextDoneDuringTheAttempt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := &recorder{}
	calls := 0
	errSlow := errors.New("slow answer")
	op := func(context.Context) error {
		calls++
		cancel()
		return errSlow
	}
	err := Retry(ctx, Policy{Base: 1, Cap: 1, MaxAttempts: 3, Rand: randoms(0), Sleep: func(ctx context.Context, d time.Duration) error {
		rec.waits = append(rec.waits, d)
		return nil // a sleep that ignores ctx: Retry must check it itself
	}}, op)
	if calls != 1 || len(rec.waits) != 0 || !errors.Is(err, context.Canceled) || !errors.Is(err, errSlow) {
		t.Errorf("cancelled during the attempt: %d calls, %d waits, %v; want 1, 0, both errors", calls, len(rec.waits), err)
	}
}

// TestSleepFailureStops: a Sleep that fails for a reason of its own (here a
// stopped clock) ends the retry like a done context does.
func TestSleepFailureStops(t *testing.T) {
	errClock := errors.New("clock stopped")
	errDown := errors.New("dependency down")
	calls := 0
	err := Retry(context.Background(), Policy{Base: 1, Cap: 1, MaxAttempts: 5, Rand: randoms(0),
		Sleep: func(context.Context, time.Duration) error { return errClock }}, failing(&calls, errDown, errDown))
	if calls != 1 || !errors.Is(err, errClock) || !errors.Is(err, errDown) {
		t.Errorf("failing Sleep: %d calls, %v; want 1 call and both errors", calls, err)
	}
}

// TestNoCapReallyMeansLarge: Cap at the largest Duration must not overflow.
func TestNoCapReallyMeansLarge(t *testing.T) {
	rec := &recorder{}
	calls := 0
	limit := time.Duration(math.MaxInt64)
	_ = Retry(context.Background(), Policy{Base: time.Second, Cap: limit, MaxAttempts: 70, Rand: randoms(0.5), Sleep: rec.sleep},
		failing(&calls, numbered(70)...))
	if len(rec.waits) != 69 || rec.waits[1] != time.Second || rec.waits[10] != 512*time.Second {
		t.Fatalf("waits = %v, want 69 of them starting 0.5s, 1s, 2s …", rec.waits)
	}
	for i, w := range rec.waits {
		if w < 0 {
			t.Fatalf("wait %d = %v: the ceiling overflowed", i, w)
		}
	}
	if got, want := rec.waits[68], time.Duration(0.5*float64(limit)); got != want {
		t.Errorf("last wait = %v, want %v (half the cap)", got, want)
	}
}

// TestDefaultRandIsJitter: with Rand nil every wait is in [0, ceiling) and
// they differ.
func TestDefaultRandIsJitter(t *testing.T) {
	rec := &recorder{}
	calls := 0
	_ = Retry(context.Background(), Policy{Base: time.Second, Cap: time.Second, MaxAttempts: 50, Sleep: rec.sleep}, failing(&calls, numbered(50)...))
	if len(rec.waits) != 49 {
		t.Fatalf("%d waits, want 49", len(rec.waits))
	}
	distinct := map[time.Duration]bool{}
	for _, w := range rec.waits {
		if w < 0 || w >= time.Second {
			t.Fatalf("wait %v outside [0, 1s)", w)
		}
		distinct[w] = true
	}
	if len(distinct) < 40 {
		t.Errorf("%d distinct waits out of 49: not random", len(distinct))
	}
}

// TestDefaultSleepWaits: with Sleep nil the wait is real (1 ms here).
func TestDefaultSleepWaits(t *testing.T) {
	calls := 0
	start := time.Now()
	err := Retry(context.Background(), Policy{Base: 2 * time.Millisecond, Cap: 2 * time.Millisecond, MaxAttempts: 2, Rand: randoms(0.5)},
		failing(&calls, errors.New("once")))
	if err != nil || calls != 2 || time.Since(start) < time.Millisecond {
		t.Errorf("real sleep: %v after %d calls in %v; want nil after 2, at least 1ms", err, calls, time.Since(start))
	}
}
