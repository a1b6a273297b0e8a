package semfanout

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"
)

const where = "(edit exercises/4-semaphore-fanout/semaphore.go)"

// TestMain fails the package if any test leaves a goroutine behind.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func newSem(t *testing.T, size int64) *Semaphore {
	t.Helper()
	s, err := NewSemaphore(size)
	if err != nil || s == nil {
		t.Fatalf("NewSemaphore(%d) = %v, %v", size, s, err)
	}
	return s
}

// allFree checks that every permit is free and nobody waits: TryAcquire of
// the whole size succeeds (then gives it back).
func allFree(t *testing.T, s *Semaphore, size int64) {
	t.Helper()
	if !s.TryAcquire(size) {
		t.Errorf("TryAcquire(%d) on an idle semaphore = false: permits were lost %s", size, where)
		return
	}
	if err := s.Release(size); err != nil {
		t.Errorf("Release(%d) = %v", size, err)
	}
}

// acquireAsync starts Acquire in a goroutine; the channel gets its result.
func acquireAsync(ctx context.Context, s *Semaphore, n int64) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- s.Acquire(ctx, n) }()
	return ch
}

// pending reports whether an acquireAsync is still waiting (call after synctest.Wait).
func pending(ch <-chan error) bool { return len(ch) == 0 }

func TestTryAcquireAndRelease(t *testing.T) {
	for _, size := range []int64{0, -1} {
		if _, err := NewSemaphore(size); !errors.Is(err, ErrSize) {
			t.Errorf("NewSemaphore(%d) = %v, want ErrSize %s", size, err, where)
		}
	}
	one := newSem(t, 1)
	if !one.TryAcquire(1) || one.TryAcquire(1) || one.Release(1) != nil {
		t.Errorf("a size-1 semaphore does not admit exactly one %s", where)
	}
	s := newSem(t, 5)
	steps := []struct {
		n    int64
		want bool
	}{{3, true}, {3, false}, {2, true}, {1, false}}
	for _, st := range steps {
		if got := s.TryAcquire(st.n); got != st.want {
			t.Errorf("TryAcquire(%d) = %v, want %v %s", st.n, got, st.want, where)
		}
	}
	if err := s.Release(6); !errors.Is(err, ErrWeight) {
		t.Errorf("Release(6) with 5 held = %v, want ErrWeight %s", err, where)
	}
	if err := s.Release(5); err != nil {
		t.Errorf("Release(5) = %v", err)
	}
	for _, n := range []int64{0, -1, 6} {
		if s.TryAcquire(n) {
			t.Errorf("TryAcquire(%d) on size 5 = true", n)
		}
		if err := s.Acquire(context.Background(), n); !errors.Is(err, ErrWeight) {
			t.Errorf("Acquire(%d) on size 5 = %v, want ErrWeight %s", n, err, where)
		}
	}
	if err := s.Release(1); !errors.Is(err, ErrWeight) {
		t.Errorf("Release(1) with nothing held = %v, want ErrWeight %s", err, where)
	}
	if err := s.Acquire(context.Background(), 5); err != nil {
		t.Errorf("Acquire(5) on a free size-5 semaphore = %v %s", err, where)
	}
	if err := s.Release(0); !errors.Is(err, ErrWeight) {
		t.Errorf("Release(0) = %v, want ErrWeight", err)
	}
	_ = s.Release(5)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Acquire(done, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Acquire on a cancelled context with permits free = %v, want Canceled %s", err, where)
	}
	allFree(t, s, 5)
}

func TestAcquireWaitsForRelease(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newSem(t, 5)
		if err := s.Acquire(context.Background(), 5); err != nil {
			t.Fatalf("Acquire(5) = %v %s", err, where)
		}
		got := acquireAsync(context.Background(), s, 2)
		synctest.Wait()
		if !pending(got) {
			t.Fatalf("Acquire(2) with nothing free returned %v %s", <-got, where)
		}
		_ = s.Release(1)
		synctest.Wait()
		if !pending(got) {
			t.Fatalf("Acquire(2) returned with only 1 free %s", where)
		}
		_ = s.Release(1)
		if err := <-got; err != nil {
			t.Errorf("Acquire(2) after 2 were released = %v %s", err, where)
		}
		_ = s.Release(5)
		allFree(t, s, 5)
	})
}

// A big request at the front is not starved by small ones behind it, and
// waiters are admitted in order, as many at once as fit.
func TestFIFOFairness(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newSem(t, 4)
		_ = s.Acquire(context.Background(), 3) // 1 free
		big := acquireAsync(context.Background(), s, 4)
		synctest.Wait()
		if s.TryAcquire(1) {
			t.Fatalf("TryAcquire(1) with 1 free jumped ahead of the one waiting Acquire(4) %s", where)
		}
		small := acquireAsync(context.Background(), s, 1)
		synctest.Wait()
		if !pending(small) {
			t.Fatalf("Acquire(1) jumped ahead of a waiting Acquire(4) %s", where)
		}
		if s.TryAcquire(1) {
			t.Fatalf("TryAcquire(1) jumped ahead of a waiting Acquire(4) %s", where)
		}
		_ = s.Release(3)
		if err := <-big; err != nil {
			t.Fatalf("Acquire(4) = %v", err)
		}
		synctest.Wait()
		if !pending(small) {
			t.Fatalf("Acquire(1) granted while Acquire(4) holds everything %s", where)
		}
		_ = s.Release(4)
		if err := <-small; err != nil {
			t.Fatalf("Acquire(1) = %v", err)
		}
		_ = s.Release(1)

		// w1(1), w2(2), w3(3) in line; 4 freed: w1 and w2 fit (3 of 4), w3
		// needs 3 and waits for more.
		_ = s.Acquire(context.Background(), 4)
		var ws []<-chan error
		for _, n := range []int64{1, 2, 3} {
			ws = append(ws, acquireAsync(context.Background(), s, n))
			synctest.Wait()
		}
		_ = s.Release(4)
		synctest.Wait()
		if pending(ws[0]) || pending(ws[1]) || !pending(ws[2]) {
			t.Fatalf("after freeing 4 for waiters 1, 2, 3: granted %v %v %v, want 1 and 2 only %s", !pending(ws[0]), !pending(ws[1]), !pending(ws[2]), where)
		}
		_ = s.Release(1)
		synctest.Wait()
		if !pending(ws[2]) {
			t.Fatalf("Acquire(3) granted with 2 free %s", where)
		}
		_ = s.Release(2)
		if err := <-ws[2]; err != nil {
			t.Fatalf("Acquire(3) = %v", err)
		}
		_ = s.Release(3)
		allFree(t, s, 4)

		// A release that frees room for the small waiter but not for the big
		// one ahead of it lets nobody in.
		_ = s.Acquire(context.Background(), 4)
		big = acquireAsync(context.Background(), s, 4)
		synctest.Wait()
		small = acquireAsync(context.Background(), s, 1)
		synctest.Wait()
		_ = s.Release(1)
		synctest.Wait()
		if !pending(small) {
			t.Fatalf("Acquire(1) was let in past a waiting Acquire(4) by a Release(1) %s", where)
		}
		_ = s.Release(3)
		if err := <-big; err != nil {
			t.Fatalf("Acquire(4) = %v", err)
		}
		_ = s.Release(4)
		if err := <-small; err != nil {
			t.Fatalf("Acquire(1) = %v", err)
		}
		_ = s.Release(1)
		allFree(t, s, 4)
	})
}

func TestCancelledWaiterLeavesTheLine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newSem(t, 4)
		_ = s.Acquire(context.Background(), 4)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		start := time.Now()
		a := acquireAsync(ctx, s, 2)
		synctest.Wait()
		b := acquireAsync(context.Background(), s, 1)
		if err := <-a; !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 10*time.Millisecond {
			t.Fatalf("Acquire(2) under a 10ms deadline = %v after %s, want DeadlineExceeded after 10ms %s", err, time.Since(start), where)
		}
		_ = s.Release(4)
		if err := <-b; err != nil {
			t.Fatalf("Acquire(1) behind a cancelled waiter = %v", err)
		}
		if !s.TryAcquire(3) {
			t.Errorf("TryAcquire(3) with 1 of 4 held = false: the cancelled waiter took permits %s", where)
		} else {
			_ = s.Release(3)
		}
		_ = s.Release(1)
		allFree(t, s, 4)

		// The front waiter gives up while a small one behind it would fit:
		// the small one must be let in then, with no Release to wake it.
		_ = s.Acquire(context.Background(), 3) // 1 free
		ctx2, cancel2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel2()
		front := acquireAsync(ctx2, s, 4)
		synctest.Wait()
		behind := acquireAsync(context.Background(), s, 1)
		if err := <-front; !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("front Acquire(4) = %v, want DeadlineExceeded", err)
		}
		synctest.Wait()
		if pending(behind) {
			t.Fatalf("Acquire(1) still waits with 1 free after the waiter ahead of it gave up %s", where)
		}
		_ = s.Release(4)
		allFree(t, s, 4)
	})
}

// A grant and a deadline at the same instant: whichever wins, no permit is
// lost and Acquire's answer matches what it holds.
func TestGrantRacingCancellation(t *testing.T) {
	for i := range 50 {
		synctest.Test(t, func(t *testing.T) {
			s := newSem(t, 2)
			_ = s.Acquire(context.Background(), 2)
			ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
			defer cancel()
			got := acquireAsync(ctx, s, 2)
			time.Sleep(time.Millisecond)
			_ = s.Release(2)
			if err := <-got; err == nil {
				_ = s.Release(2)
			} else if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("run %d: Acquire = %v", i, err)
			}
			allFree(t, s, 2)
		})
	}
}

func TestFanOutIsBoundedAndInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newSem(t, 4)
		var mu sync.Mutex
		var inUse, peak int64
		starts := map[int]time.Duration{}
		begin := time.Now()
		weights := []int64{2, 2, 2, 1, 3}
		var tasks []Task
		for i, w := range weights {
			tasks = append(tasks, Task{Weight: w, Run: func(ctx context.Context) error {
				mu.Lock()
				starts[i] = time.Since(begin)
				inUse += w
				peak = max(peak, inUse)
				mu.Unlock()
				time.Sleep(10 * time.Millisecond)
				mu.Lock()
				inUse -= w
				mu.Unlock()
				return nil
			}})
		}
		if err := FanOut(context.Background(), s, tasks); err != nil {
			t.Fatalf("FanOut = %v %s", err, where)
		}
		// 0 and 1 fill the 4 permits; 2 and 3 start when they end; 4 (weight 3)
		// waits for 2 and 3 — and nothing behind it could have passed it.
		ms := time.Millisecond
		want := map[int]time.Duration{0: 0, 1: 0, 2: 10 * ms, 3: 10 * ms, 4: 20 * ms}
		if fmt.Sprint(starts) != fmt.Sprint(want) || peak != 4 {
			t.Errorf("tasks started at %v with at most %d permits in use, want %v and 4 %s", starts, peak, want, where)
		}
		if took := time.Since(begin); took != 30*ms {
			t.Errorf("FanOut took %s, want 30ms", took)
		}
		allFree(t, s, 4)
		if err := FanOut(context.Background(), s, nil); err != nil {
			t.Errorf("FanOut of nothing = %v", err)
		}
		ran := false
		whole := []Task{{Weight: 4, Run: func(context.Context) error { ran = true; return nil }}}
		if err := FanOut(context.Background(), s, whole); err != nil || !ran {
			t.Errorf("FanOut of one task weighing the whole size = %v (ran: %v), want nil and run %s", err, ran, where)
		}
	})
}

func TestFanOutFirstErrorAndContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		errBoom := errors.New("boom")
		s := newSem(t, 2)
		var started []int
		var mu sync.Mutex
		var cancelled atomic.Int32
		var stolen atomic.Bool
		var tasks []Task
		for i := range 6 {
			tasks = append(tasks, Task{Weight: 1, Run: func(ctx context.Context) error {
				mu.Lock()
				started = append(started, i)
				mu.Unlock()
				if i == 1 {
					time.Sleep(10 * time.Millisecond)
					return errBoom
				}
				<-ctx.Done()
				if i == 0 && s.TryAcquire(2) { // this task still holds 1 of the 2
					stolen.Store(true)
					_ = s.Release(2)
				}
				time.Sleep(5 * time.Millisecond)
				cancelled.Add(1)
				return ctx.Err()
			}})
		}
		begin := time.Now()
		err := FanOut(context.Background(), s, tasks)
		slices.Sort(started)
		if !errors.Is(err, errBoom) || !slices.Equal(started, []int{0, 1}) || cancelled.Load() != 1 || time.Since(begin) != 15*time.Millisecond {
			t.Errorf("task 1 failing: FanOut = %v, started %v, %d cancelled, after %s; want boom, [0 1], 1, 15ms %s",
				err, started, cancelled.Load(), time.Since(begin), where)
		}
		if stolen.Load() {
			t.Errorf("a running task's permit was free after the error: FanOut released permits it never got %s", where)
		}
		allFree(t, s, 2)

		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		started = nil
		err = FanOut(ctx, s, tasks[2:])
		if !errors.Is(err, context.DeadlineExceeded) || len(started) != 2 {
			t.Errorf("FanOut under a 20ms deadline = %v after starting %v, want DeadlineExceeded after 2 %s", err, started, where)
		}
		allFree(t, s, 2)

		started = nil
		heavy := append([]Task{{Weight: 3, Run: tasks[0].Run}}, tasks[2:]...)
		if err := FanOut(context.Background(), s, heavy); !errors.Is(err, ErrWeight) || len(started) != 0 {
			t.Errorf("FanOut with a task heavier than the semaphore = %v after starting %v, want ErrWeight before any %s", err, started, where)
		}
		if err := FanOut(context.Background(), s, []Task{{Weight: 0, Run: tasks[0].Run}}); !errors.Is(err, ErrWeight) {
			t.Errorf("FanOut with a weight-0 task = %v, want ErrWeight %s", err, where)
		}
	})
}
