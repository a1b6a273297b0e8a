package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"
)

const where = "(edit exercises/3-pipeline/pipeline.go)"

// TestMain fails the package if any test leaves a goroutine behind. Inside
// a synctest bubble a goroutine left blocked fails the test itself
// ("blocked goroutines remain").
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

var errBoom = errors.New("boom")

func upTo(n int) func(int) (int, bool) {
	return func(i int) (int, bool) { return i, i < n }
}

func forever(i int) (int, bool) { return i, true }

func TestGenerate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var got []int
		for v := range Generate(context.Background(), upTo(5)) {
			got = append(got, v)
		}
		if !slices.Equal(got, []int{0, 1, 2, 3, 4}) {
			t.Errorf("Generate(upTo(5)) sent %v, want 0..4 then close %s", got, where)
		}
		for range Generate(context.Background(), upTo(0)) {
			t.Errorf("Generate(upTo(0)) sent a value %s", where)
		}

		// An endless generator whose consumer leaves: cancelling ctx stops
		// and closes it, and its goroutine exits.
		ctx, cancel := context.WithCancel(context.Background())
		var calls atomic.Int32
		ch := Generate(ctx, func(i int) (string, bool) { calls.Add(1); return fmt.Sprint("v", i), true })
		first := []string{<-ch, <-ch, <-ch}
		if !slices.Equal(first, []string{"v0", "v1", "v2"}) {
			t.Errorf("first three values = %q, want v0 v1 v2 %s", first, where)
		}
		cancel()
		extra := 0
		for range ch {
			extra++
		}
		if extra > 1 {
			t.Errorf("%d values sent after cancel, want at most the one already in hand %s", extra, where)
		}
		synctest.Wait()
		if n := calls.Load(); n > 5 {
			t.Errorf("next called %d times for 3 values read and a cancel, want at most 5", n)
		}
	})
}

// sinkInto returns a sink that appends results and fails the test if it is
// ever entered by two goroutines at once (it sleeps on the fake clock, so a
// second caller would arrive while the first is inside).
func sinkInto(t *testing.T, got *[]int, stopAfter int) func(int) bool {
	var inside atomic.Int32
	return func(r int) bool {
		if inside.Add(1) > 1 {
			t.Errorf("sink called by two goroutines at once %s", where)
		}
		time.Sleep(time.Millisecond)
		*got = append(*got, r)
		inside.Add(-1)
		return stopAfter <= 0 || len(*got) < stopAfter
	}
}

func TestRunDeliversEveryResult(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var got []int
				err := Run(context.Background(), upTo(20), workers, func(_ context.Context, x int) (int, error) {
					time.Sleep(time.Duration(20-x) * time.Millisecond)
					return x * x, nil
				}, sinkInto(t, &got, 0))
				slices.Sort(got)
				want := make([]int, 20)
				for i := range want {
					want[i] = i * i
				}
				if err != nil || !slices.Equal(got, want) {
					t.Errorf("Run(upTo(20), squares) sank %v, %v; want every square once, nil %s", got, err, where)
				}
			})
		})
	}
	synctest.Test(t, func(t *testing.T) {
		called := false
		if err := Run(context.Background(), upTo(0), 2, func(_ context.Context, x int) (int, error) { return x, nil },
			func(int) bool { called = true; return true }); err != nil || called {
			t.Errorf("Run of an empty generator = %v (sink called: %v), want nil and no call %s", err, called, where)
		}
	})
}

// The middle stage really fans out: exactly min(workers, remaining) calls
// of fn run at once, counted while every goroutine is blocked.
func TestRunFansOut(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{6, 1}, {8, 3}, {2, 5}} {
		t.Run(fmt.Sprintf("n=%d workers=%d", tc.n, tc.workers), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var inFlight atomic.Int32
				release := make(chan struct{})
				done := make(chan error, 1)
				var got []int
				go func() {
					done <- Run(context.Background(), upTo(tc.n), tc.workers, func(_ context.Context, x int) (int, error) {
						inFlight.Add(1)
						<-release
						inFlight.Add(-1)
						return x, nil
					}, func(r int) bool { got = append(got, r); return true })
				}()
				for remaining := tc.n; remaining > 0; remaining-- {
					synctest.Wait()
					if n, want := int(inFlight.Load()), min(tc.workers, remaining); n != want {
						t.Fatalf("%d calls of fn in flight with %d left, want %d (%d workers) %s", n, remaining, want, tc.workers, where)
					}
					release <- struct{}{}
				}
				if err := <-done; err != nil || len(got) != tc.n {
					t.Errorf("Run = %v after sinking %d results, want nil after %d", err, len(got), tc.n)
				}
			})
		})
	}
}

// The consumer stops early on an endless generator: Run returns nil, sink
// is not called again, and nothing is left blocked — not the generator, not
// a worker holding a result nobody will read.
func TestSinkStopsEarly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var got []int
		err := Run(context.Background(), forever, 3, func(_ context.Context, x int) (int, error) {
			time.Sleep(time.Millisecond)
			return x, nil
		}, sinkInto(t, &got, 5))
		if err != nil || len(got) != 5 {
			t.Errorf("sink stopping after 5: Run = %v with %d results sunk, want nil and exactly 5 %s", err, len(got), where)
		}
	})
}

// Items before 7 pass at once; 7 fails after 10ms while the two other
// workers wait in fn for 8 and 9. The error cancels them, they take 5ms to
// clean up, and Run returns boom at 15ms.
func TestStageErrorPropagates(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var cancelled atomic.Int32
		var got []int
		start := time.Now()
		err := Run(context.Background(), forever, 3, func(ctx context.Context, x int) (int, error) {
			switch {
			case x < 7:
				return x, nil
			case x == 7:
				time.Sleep(10 * time.Millisecond)
				return 0, errBoom
			}
			select {
			case <-ctx.Done():
				time.Sleep(5 * time.Millisecond)
				cancelled.Add(1)
				return 0, ctx.Err()
			case <-time.After(time.Hour):
				return x, nil
			}
		}, func(r int) bool { got = append(got, r); return true })
		if !errors.Is(err, errBoom) {
			t.Errorf("fn failing on 7: Run = %v, want boom (the first error, not the cancellations it caused) %s", err, where)
		}
		slices.Sort(got)
		if !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6}) {
			t.Errorf("sank %v, want the results of 0..6 and nothing after the failure %s", got, where)
		}
		if n := cancelled.Load(); n != 2 {
			t.Errorf("%d calls in flight saw the cancellation, want the 2 other workers' %s", n, where)
		}
		if took := time.Since(start); took != 15*time.Millisecond {
			t.Errorf("Run returned after %s, want 15ms: the error at 10ms, then the cancelled calls' cleanup %s", took, where)
		}
	})
}

func TestContextEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// fn ignores its context and takes 10ms: the deadline at 25ms stops
		// the pipeline, and Run waits for the two calls still running.
		ctx, cancel := context.WithTimeout(context.Background(), 25*time.Millisecond)
		defer cancel()
		var got []int
		start := time.Now()
		err := Run(ctx, forever, 2, func(_ context.Context, x int) (int, error) {
			time.Sleep(10 * time.Millisecond)
			return x, nil
		}, func(r int) bool { got = append(got, r); return true })
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Run under a 25ms deadline = %v, want DeadlineExceeded %s", err, where)
		}
		if took := time.Since(start); took != 30*time.Millisecond || len(got) != 4 {
			t.Errorf("Run returned after %s with %d results, want 30ms (the calls in flight finish) with 4 %s", took, len(got), where)
		}

		done, stop := context.WithCancel(context.Background())
		stop()
		var calls atomic.Int32
		err = Run(done, forever, 2, func(_ context.Context, x int) (int, error) { calls.Add(1); return x, nil },
			func(int) bool { t.Error("sink called on a cancelled context"); return true })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run on a cancelled context = %v, want Canceled %s", err, where)
		}
	})
}

func TestInvalidWorkers(t *testing.T) {
	for _, w := range []int{0, -2} {
		err := Run(context.Background(), upTo(3), w, func(_ context.Context, x int) (int, error) { return x, nil },
			func(int) bool { return true })
		if !errors.Is(err, ErrWorkers) {
			t.Errorf("Run with %d workers = %v, want ErrWorkers %s", w, err, where)
		}
	}
}
