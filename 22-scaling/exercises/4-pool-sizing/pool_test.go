package poolsizing

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const file = "(edit exercises/4-pool-sizing/pool.go)"

func close9(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestMeasure(t *testing.T) {
	// 200 samples: 1ms…200ms. Mean 100.5ms; p99 is rank 198.
	var samples []time.Duration
	for i := 200; i >= 1; i-- {
		samples = append(samples, time.Duration(i)*time.Millisecond)
	}
	m, err := Measure(samples, 4*time.Second)
	if err != nil {
		t.Fatalf("Measure: %v %s", err, file)
	}
	if !close9(m.Throughput, 50) || m.Mean != 100500*time.Microsecond || m.P99 != 198*time.Millisecond || m.Headroom != 0 {
		t.Errorf("Measure(1..200ms over 4s) = %+v, want 50 req/s, mean 100.5ms, p99 198ms, headroom 0 %s", m, file)
	}
	if samples[0] != 200*time.Millisecond {
		t.Errorf("Measure reordered its argument %s", file)
	}
	for _, tc := range []struct {
		n    int
		want time.Duration
	}{{1, 1}, {100, 99}, {101, 100}, {99, 99}, {1000, 990}} {
		var s []time.Duration
		for i := 1; i <= tc.n; i++ {
			s = append(s, time.Duration(i))
		}
		if m, err := Measure(s, time.Second); err != nil || m.P99 != tc.want {
			t.Errorf("p99 of 1..%d = %d, %v; want %d (nearest rank) %s", tc.n, m.P99, err, tc.want, file)
		}
	}
	if m, err := Measure([]time.Duration{4}, time.Nanosecond); err != nil || !close9(m.Throughput, 1e9) || m.P99 != 4 {
		t.Errorf("Measure(4ns over 1ns) = %+v, %v; want 1e9 req/s %s", m, err, file)
	}
	m, err = Measure([]time.Duration{0, 0, 3}, 1500*time.Millisecond)
	if err != nil || !close9(m.Throughput, 2) || m.Mean != 1 {
		t.Errorf("Measure(0,0,3ns over 1.5s) = %+v, %v; want 2 req/s, mean 1ns %s", m, err, file)
	}
	for _, tc := range []struct {
		s       []time.Duration
		elapsed time.Duration
	}{{nil, time.Second}, {[]time.Duration{1}, 0}, {[]time.Duration{1}, -time.Second}, {[]time.Duration{5, -1}, time.Second}} {
		if _, err := Measure(tc.s, tc.elapsed); !errors.Is(err, ErrBadMeasurement) {
			t.Errorf("Measure(%v, %s) error = %v, want ErrBadMeasurement %s", tc.s, tc.elapsed, err, file)
		}
	}
}

func TestSize(t *testing.T) {
	for _, tc := range []struct {
		m    Measurement
		want Estimate
	}{
		// The lesson's example: 700/s, mean 3ms, p99 8ms, 50% headroom.
		{Measurement{700, 3 * time.Millisecond, 8 * time.Millisecond, 1.5}, Estimate{2.1, 5.6, 9}},
		// An exact product stays exact: 100/s × 70ms = 7, not 8.
		{Measurement{100, 20 * time.Millisecond, 70 * time.Millisecond, 1}, Estimate{2, 7, 7}},
		{Measurement{1000, 7 * time.Millisecond, 7 * time.Millisecond, 1}, Estimate{7, 7, 7}},
		// A trickle still needs one.
		{Measurement{0.5, time.Millisecond, 2 * time.Millisecond, 2}, Estimate{0.0005, 0.001, 1}},
		{Measurement{50, 100 * time.Millisecond, 200 * time.Millisecond, 1.25}, Estimate{5, 10, 13}},
		// The edges of the accepted ranges.
		{Measurement{1e9, 1, 1, 10}, Estimate{1, 1, 10}},
		{Measurement{1, time.Second, time.Second, 1}, Estimate{1, 1, 1}},
	} {
		got, err := Size(tc.m)
		if err != nil || !close9(got.Mean, tc.want.Mean) || !close9(got.P99, tc.want.P99) || got.Size != tc.want.Size {
			t.Errorf("Size(%+v) = %+v, %v; want %+v %s", tc.m, got, err, tc.want, file)
		}
	}
	for _, m := range []Measurement{
		{0, time.Millisecond, time.Millisecond, 1},
		{-5, time.Millisecond, time.Millisecond, 1},
		{math.NaN(), time.Millisecond, time.Millisecond, 1},
		{math.Inf(1), time.Millisecond, time.Millisecond, 1},
		{10, 0, time.Millisecond, 1},
		{10, 2 * time.Millisecond, time.Millisecond, 1},
		{10, time.Millisecond, time.Millisecond, 0.99},
		{10, time.Millisecond, time.Millisecond, math.NaN()},
		{10, time.Millisecond, time.Millisecond, math.Inf(1)},
		{10, time.Millisecond, time.Millisecond, 10.01},
		{1.5e9, 1, 1, 1},
	} {
		if _, err := Size(m); !errors.Is(err, ErrBadMeasurement) {
			t.Errorf("Size(%+v) error = %v, want ErrBadMeasurement %s", m, err, file)
		}
	}
}

func newPool(t *testing.T, size int) *Pool {
	t.Helper()
	p, err := NewPool(size)
	if err != nil || p == nil {
		t.Fatalf("NewPool(%d) = %v, %v %s", size, p, err, file)
	}
	return p
}

func acquire(t *testing.T, p *Pool) func() {
	t.Helper()
	release, err := p.Acquire(context.Background())
	if err != nil {
		t.Fatalf("Acquire: %v %s", err, file)
	}
	return release
}

func wantStats(t *testing.T, p *Pool, want Stats, when string) {
	t.Helper()
	if got := p.Stats(); got != want {
		t.Errorf("%s: Stats = %+v, want %+v %s", when, got, want, file)
	}
}

func TestNewPool(t *testing.T) {
	for _, n := range []int{0, -1} {
		if _, err := NewPool(n); !errors.Is(err, ErrBadSize) {
			t.Errorf("NewPool(%d) error = %v, want ErrBadSize %s", n, err, file)
		}
	}
	wantStats(t, newPool(t, 1), Stats{Size: 1}, "new pool of 1")
}

func TestPoolQueuesAndReportsWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := newPool(t, 2)
		r1 := acquire(t, p)
		r2 := acquire(t, p)
		wantStats(t, p, Stats{Size: 2, InUse: 2, Acquired: 2}, "two slots taken")

		got := make(chan string, 2)
		for _, name := range []string{"first", "second"} {
			go func() {
				release := acquire(t, p)
				got <- name
				time.Sleep(time.Second)
				release()
			}()
			synctest.Wait() // the goroutine is queued before the next starts
		}
		wantStats(t, p, Stats{Size: 2, InUse: 2, Waiting: 2, MaxWaiting: 2, Acquired: 2}, "two callers queued")

		time.Sleep(30 * time.Millisecond)
		r1()
		r1() // a second release of the same slot changes nothing
		synctest.Wait()
		if g := <-got; g != "first" {
			t.Errorf("the first slot freed went to the %s caller, want the first (FIFO) %s", g, file)
		}
		wantStats(t, p, Stats{Size: 2, InUse: 2, Waiting: 1, MaxWaiting: 2, Acquired: 3, Waited: 1, WaitTime: 30 * time.Millisecond}, "one handed over after 30ms")

		time.Sleep(20 * time.Millisecond)
		r2()
		synctest.Wait()
		if g := <-got; g != "second" {
			t.Errorf("the second slot went to the %s caller %s", g, file)
		}
		wantStats(t, p, Stats{Size: 2, InUse: 2, MaxWaiting: 2, Acquired: 4, Waited: 2, WaitTime: 80 * time.Millisecond}, "second handed over after 50ms")

		time.Sleep(2 * time.Second) // both holders release
		synctest.Wait()
		wantStats(t, p, Stats{Size: 2, MaxWaiting: 2, Acquired: 4, Waited: 2, WaitTime: 80 * time.Millisecond}, "all released")
		acquire(t, p)
		wantStats(t, p, Stats{Size: 2, InUse: 1, MaxWaiting: 2, Acquired: 5, Waited: 2, WaitTime: 80 * time.Millisecond}, "a free slot taken without queueing")
	})
}

func TestPoolCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := newPool(t, 1)
		hold := acquire(t, p)

		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		errc := make(chan error, 1)
		go func() {
			_, err := p.Acquire(ctx)
			errc <- err
		}()
		synctest.Wait()
		later := make(chan struct{})
		go func() {
			release := acquire(t, p)
			close(later)
			release()
		}()
		synctest.Wait()
		wantStats(t, p, Stats{Size: 1, InUse: 1, Waiting: 2, MaxWaiting: 2, Acquired: 1}, "two queued")

		time.Sleep(15 * time.Millisecond) // the first waiter's deadline passes
		if err := <-errc; !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Acquire past its deadline = %v, want context.DeadlineExceeded %s", err, file)
		}
		wantStats(t, p, Stats{Size: 1, InUse: 1, Waiting: 1, MaxWaiting: 2, Acquired: 1, Canceled: 1}, "one waiter gave up")

		hold()
		synctest.Wait()
		select {
		case <-later:
		default:
			t.Fatalf("the slot freed after a cancelled waiter did not reach the next one %s", file)
		}
		wantStats(t, p, Stats{Size: 1, MaxWaiting: 2, Acquired: 2, Waited: 1, WaitTime: 15 * time.Millisecond, Canceled: 1}, "the live waiter served")

		done, stop := context.WithCancel(context.Background())
		stop()
		if _, err := p.Acquire(done); !errors.Is(err, context.Canceled) {
			t.Errorf("Acquire with a done context and a free slot = %v, want context.Canceled %s", err, file)
		}
		wantStats(t, p, Stats{Size: 1, MaxWaiting: 2, Acquired: 2, Waited: 1, WaitTime: 15 * time.Millisecond, Canceled: 2}, "a done context takes nothing")
	})
}

// TestPoolCancelDuringHandOver cancels a waiter at the moment a slot is
// handed to it. Whichever way Acquire comes out, the slot must not leak.
func TestPoolCancelDuringHandOver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := newPool(t, 1)
		for i := range 64 {
			hold := acquire(t, p)
			ctx, cancel := context.WithCancel(context.Background())
			type result struct {
				release func()
				err     error
			}
			res := make(chan result, 1)
			go func() {
				release, err := p.Acquire(ctx)
				res <- result{release, err}
			}()
			synctest.Wait()
			// The waiter wakes on Done, but the slot may reach it before it
			// takes the pool's lock to leave the queue.
			cancel()
			hold()
			r := <-res
			synctest.Wait()
			inUse := p.Stats().InUse
			if r.err == nil {
				if inUse != 1 {
					t.Fatalf("round %d: Acquire succeeded but InUse = %d, want 1 %s", i, inUse, file)
				}
				r.release()
			} else if inUse != 0 {
				t.Fatalf("round %d: Acquire failed (%v) yet its slot is still in use (InUse %d): leaked %s", i, r.err, inUse, file)
			}
			if got := p.Stats(); got.InUse != 0 || got.Waiting != 0 {
				t.Fatalf("round %d: after everything was released: %+v %s", i, got, file)
			}
		}
	})
}

func TestPoolUnderLoad(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := newPool(t, 3)
		var mu sync.Mutex
		inUse, peak := 0, 0
		var wg sync.WaitGroup
		for range 12 {
			wg.Go(func() {
				release := acquire(t, p)
				mu.Lock()
				inUse++
				peak = max(peak, inUse)
				mu.Unlock()
				time.Sleep(10 * time.Millisecond)
				mu.Lock()
				inUse--
				mu.Unlock()
				release()
			})
		}
		wg.Wait()
		s := p.Stats()
		if peak != 3 || s.Acquired != 12 || s.Waited != 9 || s.InUse != 0 || s.Waiting != 0 || s.MaxWaiting != 9 {
			t.Errorf("12 callers on 3 slots: peak %d, %+v; want peak 3, 12 acquired, 9 waited, MaxWaiting 9 %s", peak, s, file)
		}
		// Batches wait 0, 10, 20 and 30ms: 3×(10+20+30) = 180ms in total.
		if s.WaitTime != 180*time.Millisecond {
			t.Errorf("total wait = %s, want 180ms %s", s.WaitTime, file)
		}
	})
}
