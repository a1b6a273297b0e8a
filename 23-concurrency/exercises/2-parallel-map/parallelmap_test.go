package parallelmap

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"
)

const where = "(edit exercises/2-parallel-map/parallelmap.go)"

// TestMain fails the package if any test leaves a goroutine behind.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

var errBoom = errors.New("boom")

func ints(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// Later elements finish first; the results still come back in input order.
func TestMapKeepsInputOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := ints(7)
		out, err := Map(context.Background(), 3, in, func(_ context.Context, x int) (string, error) {
			time.Sleep(time.Duration(len(in)-x) * time.Millisecond)
			return "n" + strconv.Itoa(x*x), nil
		})
		want := []string{"n0", "n1", "n4", "n9", "n16", "n25", "n36"}
		if err != nil || !slices.Equal(out, want) {
			t.Errorf("Map(squares) = %q, %v; want %q in input order %s", out, err, want, where)
		}
	})
}

// A counter of calls in flight, read when every goroutine is blocked, shows
// exactly min(limit, remaining) calls at a time: never more, never fewer.
func TestAtMostLimitInFlight(t *testing.T) {
	for _, tc := range []struct{ n, limit int }{{5, 1}, {7, 3}, {4, 4}, {3, 10}} {
		t.Run(fmt.Sprintf("n=%d limit=%d", tc.n, tc.limit), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var inFlight, started atomic.Int32
				release := make(chan struct{})
				type result struct {
					out []int
					err error
				}
				done := make(chan result, 1)
				go func() {
					out, err := Map(context.Background(), tc.limit, ints(tc.n), func(_ context.Context, x int) (int, error) {
						inFlight.Add(1)
						started.Add(1)
						<-release
						inFlight.Add(-1)
						return x + 100, nil
					})
					done <- result{out, err}
				}()
				for remaining := tc.n; remaining > 0; remaining-- {
					synctest.Wait()
					if got, want := int(inFlight.Load()), min(tc.limit, remaining); got != want {
						t.Fatalf("%d calls in flight with %d left to finish, want %d (limit %d) %s", got, remaining, want, tc.limit, where)
					}
					release <- struct{}{}
				}
				r := <-done
				want := ints(tc.n)
				for i := range want {
					want[i] += 100
				}
				if r.err != nil || !slices.Equal(r.out, want) || int(started.Load()) != tc.n {
					t.Errorf("Map = %v, %v after %d calls; want %v, nil after %d", r.out, r.err, started.Load(), want, tc.n)
				}
			})
		})
	}
}

func TestFirstErrorCancelsTheRest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var startedItems []int
		var cancelled atomic.Int32
		start := time.Now()
		out, err := Map(context.Background(), 3, ints(10), func(ctx context.Context, x int) (int, error) {
			mu.Lock()
			startedItems = append(startedItems, x)
			mu.Unlock()
			if x == 1 {
				time.Sleep(10 * time.Millisecond)
				return 0, errBoom
			}
			select {
			case <-ctx.Done():
				time.Sleep(5 * time.Millisecond) // cleaning up takes a moment
				cancelled.Add(1)
				return 0, ctx.Err()
			case <-time.After(time.Hour):
				return x, nil
			}
		})
		if !errors.Is(err, errBoom) || out != nil {
			t.Errorf("Map = %v, %v; want nil, the first error (boom), not a later one %s", out, err, where)
		}
		slices.Sort(startedItems)
		if !slices.Equal(startedItems, []int{0, 1, 2}) {
			t.Errorf("calls started for %v; want only 0, 1, 2: nothing may start after the first error %s", startedItems, where)
		}
		if n := cancelled.Load(); n != 2 {
			t.Errorf("%d calls saw their context cancelled, want the 2 others in flight %s", n, where)
		}
		if took := time.Since(start); took != 15*time.Millisecond {
			t.Errorf("Map returned after %s, want 15ms: the error at 10ms, then waiting for the cancelled calls to return %s", took, where)
		}
	})
}

func TestErrorsFirstWinsAndLateErrorsCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		errLate := errors.New("late")
		// Item 2 fails at 10ms; item 0 ignores its context and fails at 20ms.
		_, err := Map(context.Background(), 4, ints(4), func(ctx context.Context, x int) (int, error) {
			switch x {
			case 2:
				time.Sleep(10 * time.Millisecond)
				return 0, errBoom
			case 0:
				time.Sleep(20 * time.Millisecond)
				return 0, errLate
			}
			return x, nil
		})
		if !errors.Is(err, errBoom) {
			t.Errorf("Map = %v, want boom, the error that came first %s", err, where)
		}
		// The only error is on the last element, after the others succeeded.
		out, err := Map(context.Background(), 2, ints(5), func(_ context.Context, x int) (int, error) {
			if x == 4 {
				return 0, errBoom
			}
			return x, nil
		})
		if !errors.Is(err, errBoom) || out != nil {
			t.Errorf("error on the last element: Map = %v, %v; want nil, boom %s", out, err, where)
		}
	})
}

type ctxKey struct{}

func TestContextHonoured(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The calls get the caller's context (its values) and its deadline.
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxKey{}, "v"), 25*time.Millisecond)
		defer cancel()
		var started atomic.Int32
		start := time.Now()
		out, err := Map(ctx, 2, ints(5), func(ctx context.Context, x int) (int, error) {
			started.Add(1)
			if ctx.Value(ctxKey{}) != "v" {
				return 0, errors.New("the call's context lost the caller's values")
			}
			<-ctx.Done()
			return 0, ctx.Err()
		})
		if !errors.Is(err, context.DeadlineExceeded) || out != nil || time.Since(start) != 25*time.Millisecond {
			t.Errorf("Map under a 25ms deadline = %v, %v after %s; want nil, DeadlineExceeded after 25ms %s", out, err, time.Since(start), where)
		}
		if n := started.Load(); n != 2 {
			t.Errorf("%d calls started, want 2: nothing starts after the deadline", n)
		}

		// Calls that ignore their context and succeed: still no partial result.
		ctx2, cancel2 := context.WithTimeout(context.Background(), 15*time.Millisecond)
		defer cancel2()
		started.Store(0)
		out, err = Map(ctx2, 2, ints(6), func(_ context.Context, x int) (int, error) {
			started.Add(1)
			time.Sleep(10 * time.Millisecond)
			return x, nil
		})
		if !errors.Is(err, context.DeadlineExceeded) || out != nil || started.Load() != 4 {
			t.Errorf("deadline at 15ms, calls of 10ms: Map = %v, %v after %d calls; want nil, DeadlineExceeded after 4 %s", out, err, started.Load(), where)
		}

		// Already cancelled: no call at all.
		done, stop := context.WithCancel(context.Background())
		stop()
		called := false
		out, err = Map(done, 3, ints(3), func(context.Context, int) (int, error) { called = true; return 0, nil })
		if !errors.Is(err, context.Canceled) || out != nil || called {
			t.Errorf("Map on a cancelled context = %v, %v (called: %v); want nil, Canceled, no call %s", out, err, called, where)
		}
	})
}

func TestEmptyAndInvalidLimit(t *testing.T) {
	calls := 0
	fn := func(_ context.Context, x int) (int, error) { calls++; return x, nil }
	out, err := Map(context.Background(), 2, nil, fn)
	if err != nil || len(out) != 0 {
		t.Errorf("Map of nothing = %v, %v; want empty, nil %s", out, err, where)
	}
	for _, limit := range []int{0, -1} {
		if out, err := Map(context.Background(), limit, ints(3), fn); !errors.Is(err, ErrInvalidLimit) || out != nil {
			t.Errorf("Map with limit %d = %v, %v; want nil, ErrInvalidLimit", limit, out, err)
		}
	}
	if calls != 0 {
		t.Errorf("fn called %d times for empty input and invalid limits", calls)
	}
	out, err = Map(context.Background(), 1, []int{41}, func(_ context.Context, x int) (int, error) { return x + 1, nil })
	if err != nil || !slices.Equal(out, []int{42}) {
		t.Errorf("Map of one with limit 1 = %v, %v; want [42]", out, err)
	}
}
