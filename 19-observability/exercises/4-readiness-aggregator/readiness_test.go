package readiness

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// Every test runs in a synctest bubble: time.Sleep and timers use a fake
// clock that jumps when every goroutine is blocked, so the durations below
// are exact and the tests take no real time.

func sleeping(d time.Duration, err error) func(context.Context) error {
	return func(context.Context) error {
		time.Sleep(d)
		return err
	}
}

var errDown = errors.New("connection refused")

func TestConcurrentRunWithTimeouts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := New(0,
			Check{Name: "db", Critical: true, Timeout: time.Second, Probe: sleeping(30*time.Millisecond, nil)},
			// Ignores its context: the aggregator must stop waiting at the timeout.
			Check{Name: "search", Timeout: 50 * time.Millisecond, Probe: sleeping(time.Hour, nil)},
			Check{Name: "cache", Timeout: time.Second, Probe: sleeping(5*time.Millisecond, errDown)},
			// Honours its context.
			Check{Name: "queue", Timeout: 20 * time.Millisecond, Probe: func(ctx context.Context) error {
				<-ctx.Done()
				return ctx.Err()
			}},
		)
		start := time.Now()
		r := a.Check(context.Background())
		if elapsed := time.Since(start); elapsed != 50*time.Millisecond {
			t.Errorf("Check took %s, want 50ms: the checks run at once and the slowest stops at its timeout (edit exercises/4-readiness-aggregator/readiness.go)", elapsed)
		}
		want := []Result{
			{Name: "db", Critical: true, Status: StatusOK, Latency: 30 * time.Millisecond},
			{Name: "search", Status: StatusTimeout, Latency: 50 * time.Millisecond},
			{Name: "cache", Status: StatusFailed, Latency: 5 * time.Millisecond},
			{Name: "queue", Status: StatusTimeout, Latency: 20 * time.Millisecond},
		}
		if len(r.Checks) != len(want) {
			t.Fatalf("report has %d checks, want %d: %+v", len(r.Checks), len(want), r.Checks)
		}
		for i, w := range want {
			g := r.Checks[i]
			if g.Name != w.Name || g.Critical != w.Critical || g.Status != w.Status || g.Latency != w.Latency {
				t.Errorf("check %d = %+v, want %+v", i, g, w)
			}
		}
		if r.Checks[0].Err != nil || !errors.Is(r.Checks[2].Err, errDown) || !errors.Is(r.Checks[1].Err, context.DeadlineExceeded) {
			t.Errorf("errors = %v, %v, %v; want nil, the probe's error, a deadline", r.Checks[0].Err, r.Checks[2].Err, r.Checks[1].Err)
		}
		if !r.Ready {
			t.Error("Ready = false, but the only critical check passed")
		}
		if !r.CheckedAt.Equal(start) {
			t.Errorf("CheckedAt = %v, want the start of the run %v", r.CheckedAt, start)
		}
		time.Sleep(2 * time.Hour) // let the abandoned probe return, so the bubble can end
	})
}

func TestCriticalVersusOptional(t *testing.T) {
	ok := sleeping(time.Millisecond, nil)
	down := sleeping(time.Millisecond, errDown)
	hang := sleeping(time.Hour, nil)
	cases := []struct {
		name   string
		checks []Check
		ready  bool
	}{
		{"all ok", []Check{{Name: "db", Critical: true, Probe: ok}, {Name: "cache", Probe: ok}}, true},
		{"optional failed", []Check{{Name: "db", Critical: true, Probe: ok}, {Name: "cache", Probe: down}}, true},
		{"optional timed out", []Check{{Name: "db", Critical: true, Probe: ok}, {Name: "cache", Timeout: time.Millisecond, Probe: hang}}, true},
		{"critical failed", []Check{{Name: "db", Critical: true, Probe: down}, {Name: "cache", Probe: ok}}, false},
		{"critical timed out", []Check{{Name: "db", Critical: true, Timeout: time.Millisecond, Probe: hang}, {Name: "cache", Probe: ok}}, false},
		{"second critical failed", []Check{{Name: "db", Critical: true, Probe: ok}, {Name: "queue", Critical: true, Probe: down}}, false},
		{"no checks", nil, true},
	}
	for _, c := range cases {
		synctest.Test(t, func(t *testing.T) {
			r := New(0, c.checks...).Check(context.Background())
			if r.Ready != c.ready || len(r.Checks) != len(c.checks) {
				t.Errorf("%s: Ready = %v with %d results, want %v with %d (edit exercises/4-readiness-aggregator/readiness.go)", c.name, r.Ready, len(r.Checks), c.ready, len(c.checks))
			}
			time.Sleep(2 * time.Hour) // let abandoned probes return
		})
	}
}

func TestDefaultTimeoutAndPanics(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := New(0,
			Check{Name: "slow", Probe: sleeping(time.Hour, nil)},
			Check{Name: "negative", Timeout: -time.Second, Probe: sleeping(time.Hour, nil)},
			Check{Name: "panics", Probe: func(context.Context) error { panic("boom") }},
			Check{Name: "fine", Probe: sleeping(DefaultTimeout-time.Millisecond, nil)},
			Check{Name: "tiny", Timeout: time.Nanosecond, Probe: sleeping(time.Millisecond, nil)},
		)
		r := a.Check(context.Background())
		if len(r.Checks) != 5 {
			t.Fatalf("report = %+v (edit exercises/4-readiness-aggregator/readiness.go)", r)
		}
		for i, w := range []struct {
			s Status
			l time.Duration
		}{{StatusTimeout, DefaultTimeout}, {StatusTimeout, DefaultTimeout}, {StatusFailed, 0}, {StatusOK, DefaultTimeout - time.Millisecond}, {StatusTimeout, time.Nanosecond}} {
			if g := r.Checks[i]; g.Status != w.s || g.Latency != w.l {
				t.Errorf("%s: %s after %s, want %s after %s", g.Name, g.Status, g.Latency, w.s, w.l)
			}
		}
		if r.Checks[2].Err == nil {
			t.Error("a panicking probe has no error")
		}
		time.Sleep(2 * time.Hour) // let abandoned probes return
	})
}

func TestCachesForTTL(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		failing := atomic.Bool{}
		a := New(2*time.Second, Check{Name: "db", Critical: true, Probe: func(context.Context) error {
			calls.Add(1)
			if failing.Load() {
				return errDown
			}
			return nil
		}})
		ctx := context.Background()
		first := a.Check(ctx)
		time.Sleep(2*time.Second - time.Nanosecond)
		failing.Store(true)
		if r := a.Check(ctx); calls.Load() != 1 || !r.CheckedAt.Equal(first.CheckedAt) || !r.Ready {
			t.Errorf("just under the TTL: %d probe calls, report from %v; want 1 call and the cached report (edit exercises/4-readiness-aggregator/readiness.go)", calls.Load(), r.CheckedAt)
		}
		time.Sleep(time.Nanosecond) // exactly the TTL: stale
		second := a.Check(ctx)
		if calls.Load() != 2 || second.Ready || second.CheckedAt.Equal(first.CheckedAt) {
			t.Errorf("at the TTL: %d calls, Ready %v; want a fresh run (2 calls) that sees the failure", calls.Load(), second.Ready)
		}
		// A failed report is cached too: a struggling database is not asked again at once.
		time.Sleep(time.Second)
		if r := a.Check(ctx); calls.Load() != 2 || r.Ready {
			t.Errorf("failed report not cached: %d calls, Ready %v", calls.Load(), r.Ready)
		}

		calls.Store(0)
		b := New(0, Check{Name: "db", Probe: func(context.Context) error { calls.Add(1); return nil }})
		b.Check(ctx)
		b.Check(ctx)
		if calls.Load() != 2 {
			t.Errorf("TTL 0: %d calls for two Checks, want 2 (no caching)", calls.Load())
		}
	})
}

// TestNoStampede: many probes arriving together share one run.
func TestNoStampede(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		a := New(time.Second, Check{Name: "db", Critical: true, Probe: func(context.Context) error {
			calls.Add(1)
			time.Sleep(100 * time.Millisecond)
			return nil
		}})
		var wg sync.WaitGroup
		reports := make([]Report, 20)
		for i := range reports {
			wg.Go(func() { reports[i] = a.Check(context.Background()) })
		}
		wg.Wait()
		if calls.Load() != 1 {
			t.Errorf("20 concurrent Checks ran the probe %d times, want 1 (edit exercises/4-readiness-aggregator/readiness.go)", calls.Load())
		}
		for i, r := range reports {
			if !r.Ready || len(r.Checks) != 1 || !r.CheckedAt.Equal(reports[0].CheckedAt) {
				t.Errorf("report %d = %+v, want the shared ready report", i, r)
			}
		}
		// With TTL 0 nothing is cached, but callers that arrive during a run still share it.
		calls.Store(0)
		b := New(0, Check{Name: "db", Probe: func(context.Context) error {
			calls.Add(1)
			time.Sleep(100 * time.Millisecond)
			return nil
		}})
		for range 5 {
			wg.Go(func() { b.Check(context.Background()) })
		}
		wg.Wait()
		if calls.Load() != 1 {
			t.Errorf("TTL 0, 5 concurrent Checks: %d probe runs, want 1", calls.Load())
		}
	})
}

// TestCallerCannotCancelSharedRun: the first caller giving up does not spoil
// the report the others wait for.
func TestCallerCannotCancelSharedRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := New(time.Second, Check{Name: "db", Critical: true, Probe: func(ctx context.Context) error {
			select {
			case <-time.After(100 * time.Millisecond):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}})
		ctx, cancel := context.WithCancel(context.Background())
		var first Report
		var wg sync.WaitGroup
		wg.Go(func() { first = a.Check(ctx) })
		time.Sleep(10 * time.Millisecond)
		cancel()
		wg.Wait()
		if !first.Ready || first.Checks[0].Status != StatusOK {
			t.Errorf("report after the caller's cancel = %+v, want the probe's own answer (ok)", first)
		}
	})
}

// TestReportIsACopy: changing a returned report does not change the cache.
func TestReportIsACopy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := New(time.Minute, Check{Name: "db", Critical: true, Probe: sleeping(time.Millisecond, nil)})
		r := a.Check(context.Background())
		if len(r.Checks) != 1 {
			t.Fatalf("report = %+v (edit exercises/4-readiness-aggregator/readiness.go)", r)
		}
		r.Checks[0].Status = StatusFailed
		if again := a.Check(context.Background()); again.Checks[0].Status != StatusOK {
			t.Error("changing a returned report changed the cached one")
		}
		checks := []Check{{Name: "db", Probe: sleeping(time.Millisecond, nil)}}
		b := New(0, checks...)
		checks[0].Name = "changed"
		if got := b.Check(context.Background()).Checks[0].Name; got != "db" {
			t.Errorf("New kept the caller's slice: check is named %q", got)
		}
	})
}
