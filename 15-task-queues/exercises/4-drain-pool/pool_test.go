package drainpool

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// Every test body that runs a pool runs in a synctest bubble: time is
// fake, synctest.Wait is the barrier ("every goroutine is blocked"), and a
// goroutine the pool leaves blocked makes the test fail instead of leaking.

func queue(tags ...uint64) chan Job {
	c := make(chan Job, 64)
	for _, t := range tags {
		c <- Job{Tag: t}
	}
	return c
}

func start(t *testing.T, n int, jobs <-chan Job, h Handler) *Pool {
	t.Helper()
	p, err := Start(n, jobs, h)
	if err != nil {
		t.Fatalf("Start(%d, …) = %v", n, err)
	}
	return p
}

func tags(js []Job) []uint64 {
	out := []uint64{}
	for _, j := range js {
		out = append(out, j.Tag)
	}
	slices.Sort(out)
	return out
}

// log records which jobs started and how each handler ended.
type log struct {
	mu        sync.Mutex
	started   []uint64
	cancelled []uint64 // jobs whose ctx was done when they returned
}

func (l *log) start(j Job) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.started = append(l.started, j.Tag)
}

func (l *log) end(ctx context.Context, j Job) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ctx.Err() != nil {
		l.cancelled = append(l.cancelled, j.Tag)
	}
}

func (l *log) get() (started, cancelled []uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	started, cancelled = slices.Clone(l.started), slices.Clone(l.cancelled)
	slices.Sort(started)
	slices.Sort(cancelled)
	return started, cancelled
}

type stopResult struct {
	r   Report
	err error
}

func stopAsync(p *Pool, ctx context.Context) chan stopResult {
	c := make(chan stopResult, 1)
	go func() {
		r, err := p.Stop(ctx)
		c <- stopResult{r, err}
	}()
	return c
}

// Three workers, ten jobs: three start, Stop waits for them, no fourth
// starts, and the seven others come back. Repeated, because a worker that
// picks between "stop" and "next job" with one select takes a job after
// Stop half of the time.
func TestStopDrainsInFlightAndReturnsTheRest(t *testing.T) {
	for round := range 20 {
		synctest.Test(t, func(t *testing.T) {
			var l log
			release := make(chan struct{})
			p := start(t, 3, queue(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), func(ctx context.Context, j Job) {
				l.start(j)
				<-release
				l.end(ctx, j)
			})
			synctest.Wait()
			if started, _ := l.get(); !slices.Equal(started, []uint64{1, 2, 3}) {
				t.Fatalf("round %d: started %v before Stop, want [1 2 3] (three workers, jobs in channel order)", round, started)
			}
			stopped := stopAsync(p, context.Background())
			synctest.Wait()
			select {
			case got := <-stopped:
				t.Fatalf("round %d: Stop returned %+v, %v while three jobs were running", round, got.r, got.err)
			default:
			}
			close(release)
			got := <-stopped
			if got.err != nil || got.r.Finished != 3 || got.r.Running != 0 {
				t.Errorf("round %d: Stop = finished %d, running %d, %v; want 3, 0, nil", round, got.r.Finished, got.r.Running, got.err)
			}
			if want := []uint64{4, 5, 6, 7, 8, 9, 10}; !slices.Equal(tags(got.r.Unstarted), want) {
				t.Errorf("round %d: Unstarted = %v, want %v", round, tags(got.r.Unstarted), want)
			}
			started, cancelled := l.get()
			if !slices.Equal(started, []uint64{1, 2, 3}) {
				t.Errorf("round %d: jobs started %v, want [1 2 3]: no job starts after Stop", round, started)
			}
			if len(cancelled) != 0 {
				t.Errorf("round %d: jobs %v saw their context cancelled; Stop lets running jobs finish", round, cancelled)
			}
		})
	}
}

// The deadline passes with jobs still running: Stop returns at the
// deadline with ctx's error and the count, and the running jobs are told
// to give up (the ones that listen do; one that does not is not waited for).
func TestStopGivesUpAtTheDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var l log
		stubborn := make(chan struct{})
		p := start(t, 3, queue(1, 2, 3, 4, 5, 6), func(ctx context.Context, j Job) {
			l.start(j)
			switch j.Tag {
			case 1: // quick
			case 3:
				<-stubborn // ignores its context
			default:
				<-ctx.Done()
			}
			l.end(ctx, j)
		})
		synctest.Wait()
		if started, _ := l.get(); !slices.Equal(started, []uint64{1, 2, 3, 4}) {
			t.Fatalf("started %v, want [1 2 3 4] (1 is quick, then three run)", started)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		begin := time.Now()
		r, err := p.Stop(ctx)
		if el := time.Since(begin); el != 5*time.Second {
			t.Errorf("Stop took %v (fake clock), want 5s: the deadline", el)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Stop = %v, want context.DeadlineExceeded", err)
		}
		if r.Finished != 1 || r.Running != 3 {
			t.Errorf("Stop reported finished %d, running %d; want 1, 3", r.Finished, r.Running)
		}
		if want := []uint64{5, 6}; !slices.Equal(tags(r.Unstarted), want) {
			t.Errorf("Unstarted = %v, want %v", tags(r.Unstarted), want)
		}
		synctest.Wait()
		if _, cancelled := l.get(); !slices.Equal(cancelled, []uint64{2, 4}) {
			t.Errorf("jobs that returned with a cancelled context: %v, want [2 4]: after the deadline the running jobs' context is done", cancelled)
		}
		close(stubborn) // the last job ends; its worker must leave too
	})
}

// The producer closed the channel (the broker cancelled the consumer):
// every job still in it runs, the workers leave, Stop returns at once.
func TestClosedChannel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var l log
		c := queue(1, 2, 3, 4, 5)
		close(c)
		p := start(t, 2, c, func(ctx context.Context, j Job) { l.start(j) })
		synctest.Wait()
		if started, _ := l.get(); !slices.Equal(started, []uint64{1, 2, 3, 4, 5}) {
			t.Errorf("started %v, want each of [1 2 3 4 5] once", started)
		}
		r, err := p.Stop(context.Background())
		if err != nil || r.Finished != 5 || r.Running != 0 || len(r.Unstarted) != 0 {
			t.Errorf("Stop = %+v, %v; want 5 finished, nothing running or unstarted, nil", r, err)
		}
	})
}

// The producer closed the channel and a job is still running at the
// deadline: still ctx's error, not nil.
func TestDeadlineAfterChannelClosed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := queue(1)
		close(c)
		p := start(t, 2, c, func(ctx context.Context, j Job) { <-ctx.Done() })
		synctest.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		r, err := p.Stop(ctx)
		if !errors.Is(err, context.DeadlineExceeded) || r.Running != 1 || r.Finished != 0 || len(r.Unstarted) != 0 {
			t.Errorf("Stop = %+v, %v; want 1 running, nothing else, and context.DeadlineExceeded", r, err)
		}
	})
}

// Idle workers leave on Stop, and Stop with nothing running returns nil
// with nothing to hand back.
func TestStopIdle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := start(t, 4, queue(), func(context.Context, Job) {})
		synctest.Wait()
		r, err := p.Stop(context.Background())
		if err != nil || r.Finished != 0 || r.Running != 0 || len(r.Unstarted) != 0 {
			t.Errorf("Stop of an idle pool = %+v, %v; want a zero report, nil", r, err)
		}
	})
}

// Real goroutines, real scheduling: whatever moment Stop lands on, every
// job is either finished or handed back, exactly once.
func TestEveryJobAccountedFor(t *testing.T) {
	const total = 2000
	c := make(chan Job, total)
	for i := range total {
		c <- Job{Tag: uint64(i)}
	}
	var ran sync.Map
	var twice, count atomic.Int64
	hundred := make(chan struct{})
	p := start(t, 4, c, func(ctx context.Context, j Job) {
		if _, dup := ran.LoadOrStore(j.Tag, true); dup {
			twice.Add(1)
		}
		if count.Add(1) == 100 {
			close(hundred)
		}
	})
	<-hundred
	r, err := p.Stop(context.Background())
	if err != nil {
		t.Fatalf("Stop = %v", err)
	}
	if int64(r.Finished) != count.Load() {
		t.Errorf("Finished = %d, but the handler ran %d times", r.Finished, count.Load())
	}
	seen := map[uint64]int{}
	ran.Range(func(k, _ any) bool { seen[k.(uint64)]++; return true })
	for _, j := range r.Unstarted {
		seen[j.Tag]++
	}
	for i := range uint64(total) {
		if seen[i] != 1 {
			t.Errorf("job %d was run or handed back %d times, want exactly once", i, seen[i])
			break
		}
	}
	if twice.Load() != 0 {
		t.Errorf("%d jobs ran twice", twice.Load())
	}
	if r.Finished >= total {
		t.Errorf("Finished = %d: Stop did not stop taking jobs", r.Finished)
	}
}

func TestStartRejectsBadArguments(t *testing.T) {
	h := func(context.Context, Job) {}
	for _, tc := range []struct {
		name string
		n    int
		jobs <-chan Job
		h    Handler
	}{
		{"no workers", 0, queue(), h},
		{"negative workers", -1, queue(), h},
		{"no channel", 1, nil, h},
		{"no handler", 1, queue(), nil},
	} {
		p, err := Start(tc.n, tc.jobs, tc.h)
		if err == nil || strings.Contains(err.Error(), "not implemented") || p != nil {
			t.Errorf("%s: Start = %v, %v; want nil and an error", tc.name, p, err)
		}
	}
	p, err := Start(1, queue(), h)
	if err != nil || p == nil {
		t.Fatalf("Start(1, …) = %v, %v; want a pool", p, err)
	}
	if _, err := p.Stop(context.Background()); err != nil {
		t.Errorf("Stop = %v", err)
	}
}
