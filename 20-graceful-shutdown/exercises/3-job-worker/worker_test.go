package jobworker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// store is an in-memory Checkpoints that records every Save and can be
// told to fail.
type store struct {
	mu       sync.Mutex
	next     map[string]int
	saves    []string        // "id:next", in order
	failSave map[string]bool // "id:next" → that Save fails
	failLoad map[string]bool // id → Load fails
}

func newStore() *store {
	return &store{next: map[string]int{}, failSave: map[string]bool{}, failLoad: map[string]bool{}}
}

var errDisk = errors.New("disk full")

func (s *store) Load(id string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failLoad[id] {
		return 0, errDisk
	}
	return s.next[id], nil
}

func (s *store) Save(id string, next int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := fmt.Sprintf("%s:%d", id, next)
	if s.failSave[key] {
		return errDisk
	}
	s.saves = append(s.saves, key)
	s.next[id] = next
	return nil
}

func (s *store) state() (saves []string, next map[string]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next = map[string]int{}
	for k, v := range s.next {
		next[k] = v
	}
	return slices.Clone(s.saves), next
}

// steps records the steps run, as "id:step"; hook (when set) is called in
// the step and decides its error.
type steps struct {
	mu   sync.Mutex
	ran  []string
	hook func(ctx context.Context, j Job, step int) error
}

func (st *steps) run(ctx context.Context, j Job, step int) error {
	st.mu.Lock()
	st.ran = append(st.ran, fmt.Sprintf("%s:%d", j.ID, step))
	hook := st.hook
	st.mu.Unlock()
	if hook != nil {
		return hook(ctx, j, step)
	}
	return nil
}

func (st *steps) get() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.ran)
}

func start(t *testing.T, jobs <-chan Job, st *steps, cp Checkpoints) *Worker {
	t.Helper()
	w, err := Start(jobs, st.run, cp)
	if err != nil {
		t.Fatalf("Start = %v", err)
	}
	return w
}

func feed(js ...Job) chan Job {
	c := make(chan Job, 16)
	for _, j := range js {
		c <- j
	}
	return c
}

func stop(t *testing.T, w *Worker) {
	t.Helper()
	if err := w.Stop(context.Background()); err != nil {
		t.Errorf("Stop = %v, want nil", err)
	}
}

func TestRunsStepsInOrderAndCheckpointsEach(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, st := newStore(), &steps{}
		w := start(t, feed(Job{"a", 3}, Job{"b", 2}, Job{"empty", 0}), st, s)
		synctest.Wait()
		stop(t, w)
		if got, want := st.get(), []string{"a:0", "a:1", "a:2", "b:0", "b:1"}; !slices.Equal(got, want) {
			t.Errorf("steps run %v, want %v", got, want)
		}
		if saves, _ := s.state(); !slices.Equal(saves, []string{"a:1", "a:2", "a:3", "b:1", "b:2"}) {
			t.Errorf("saves %v, want a checkpoint after every step", saves)
		}
	})
}

// Stop during a step: that step finishes (its context alive), its
// checkpoint is saved, no further step or job starts (nor is b taken from
// the channel); a restarted worker resumes at the next step. Repeated,
// because a worker that selects on "stop" and "next job" at once takes
// the next job half of the time.
func TestStopBetweenStepsAndResume(t *testing.T) {
	for range 20 {
		stopBetweenStepsAndResume(t)
	}
}

func stopBetweenStepsAndResume(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newStore()
		inStep, release := make(chan struct{}), make(chan struct{})
		var stepErr error
		st := &steps{hook: func(ctx context.Context, j Job, step int) error {
			if j.ID == "a" && step == 2 {
				close(inStep)
				<-release
				stepErr = ctx.Err()
			}
			return nil
		}}
		jobs := feed(Job{"a", 5}, Job{"b", 2})
		w := start(t, jobs, st, s)
		<-inStep
		stopped := make(chan error, 1)
		go func() { stopped <- w.Stop(context.Background()) }()
		synctest.Wait()
		select {
		case err := <-stopped:
			t.Fatalf("Stop returned %v in the middle of a step", err)
		default:
		}
		close(release)
		if err := <-stopped; err != nil {
			t.Errorf("Stop = %v, want nil", err)
		}
		if stepErr != nil {
			t.Errorf("the running step saw its context end (%v); Stop lets it finish", stepErr)
		}
		if got, want := st.get(), []string{"a:0", "a:1", "a:2"}; !slices.Equal(got, want) {
			t.Errorf("steps run %v, want %v: the current step finishes, no other starts", got, want)
		}
		if _, next := s.state(); next["a"] != 3 {
			t.Errorf("checkpoint of a = %d, want 3 (steps 0-2 done)", next["a"])
		}
		if len(jobs) != 1 {
			t.Fatalf("%d jobs left in the channel, want 1: b must not be taken after Stop", len(jobs))
		}

		// The restart: the broker redelivers a (never acked) before b.
		st2 := &steps{}
		w2 := start(t, feed(Job{"a", 5}, <-jobs), st2, s)
		synctest.Wait()
		stop(t, w2)
		if got, want := st2.get(), []string{"a:3", "a:4", "b:0", "b:1"}; !slices.Equal(got, want) {
			t.Errorf("after the restart: steps run %v, want %v", got, want)
		}
		if _, next := s.state(); next["a"] != 5 || next["b"] != 2 {
			t.Errorf("checkpoints %v, want a:5 b:2", next)
		}
	})
}

// A job redelivered after it completed (the ack was lost) runs no step.
func TestFinishedJobIsSkipped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, st := newStore(), &steps{}
		s.next["a"] = 3
		w := start(t, feed(Job{"a", 3}), st, s)
		synctest.Wait()
		stop(t, w)
		if got := st.get(); len(got) != 0 {
			t.Errorf("steps run %v for a job whose checkpoint says it is done, want none", got)
		}
		if saves, _ := s.state(); len(saves) != 0 {
			t.Errorf("saves %v, want none", saves)
		}
	})
}

// A failed step ends the job with its checkpoint at that step (a restart
// retries it); the worker goes on with the next job.
func TestFailedStepKeepsCheckpoint(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newStore()
		st := &steps{hook: func(ctx context.Context, j Job, step int) error {
			if j.ID == "a" && step == 1 {
				return errors.New("remote said 503")
			}
			return nil
		}}
		w := start(t, feed(Job{"a", 3}, Job{"b", 1}), st, s)
		synctest.Wait()
		stop(t, w)
		if got, want := st.get(), []string{"a:0", "a:1", "b:0"}; !slices.Equal(got, want) {
			t.Errorf("steps run %v, want %v", got, want)
		}
		if saves, _ := s.state(); !slices.Equal(saves, []string{"a:1", "b:1"}) {
			t.Errorf("saves %v, want [a:1 b:1]: no checkpoint past a failed step", saves)
		}
	})
}

// A checkpoint that cannot be saved ends the job before its next step,
// and one that cannot be loaded runs no step at all.
func TestCheckpointStoreFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, st := newStore(), &steps{}
		s.failSave["a:1"] = true
		s.failLoad["b"] = true
		w := start(t, feed(Job{"a", 3}, Job{"b", 2}, Job{"c", 1}), st, s)
		synctest.Wait()
		stop(t, w)
		if got, want := st.get(), []string{"a:0", "c:0"}; !slices.Equal(got, want) {
			t.Errorf("steps run %v, want %v", got, want)
		}
	})
}

// A step that does not finish: Stop gives up at the deadline with the
// context's error; the step's context is then cancelled; a step that still
// completes gets its checkpoint, and nothing runs after it.
func TestStopGivesUpAtDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newStore()
		inStep, release := make(chan struct{}), make(chan struct{})
		cancelled := make(chan bool, 1)
		st := &steps{hook: func(ctx context.Context, j Job, step int) error {
			if step == 1 {
				close(inStep)
				<-release
				cancelled <- ctx.Err() != nil
			}
			return nil
		}}
		w := start(t, feed(Job{"a", 3}, Job{"b", 1}), st, s)
		<-inStep
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		begin := time.Now()
		err := w.Stop(ctx)
		if el := time.Since(begin); el != 2*time.Second || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Stop = %v after %v (fake clock), want context.DeadlineExceeded after 2s", err, el)
		}
		close(release)
		if !<-cancelled {
			t.Error("the step still running when Stop gave up did not see its context cancelled")
		}
		synctest.Wait()
		if got, want := st.get(), []string{"a:0", "a:1"}; !slices.Equal(got, want) {
			t.Errorf("steps run %v, want %v", got, want)
		}
		if _, next := s.state(); next["a"] != 2 {
			t.Errorf("checkpoint of a = %d, want 2: the late step completed", next["a"])
		}
	})
}

// The producer closed the channel: the worker finishes what is in it and
// is idle; Stop returns at once.
func TestClosedChannel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, st := newStore(), &steps{}
		jobs := feed(Job{"a", 2})
		close(jobs)
		w := start(t, jobs, st, s)
		synctest.Wait()
		stop(t, w)
		if got, want := st.get(), []string{"a:0", "a:1"}; !slices.Equal(got, want) {
			t.Errorf("steps run %v, want %v", got, want)
		}
	})
}

func TestStartRejectsMissingParts(t *testing.T) {
	st, s := &steps{}, newStore()
	for _, tc := range []struct {
		name string
		jobs <-chan Job
		step StepFunc
		cp   Checkpoints
	}{
		{"no channel", nil, st.run, s},
		{"no step function", feed(), nil, s},
		{"no checkpoint store", feed(), st.run, nil},
	} {
		w, err := Start(tc.jobs, tc.step, tc.cp)
		if err == nil || strings.Contains(err.Error(), "not implemented") || w != nil {
			t.Errorf("%s: Start = %v, %v; want nil and an error", tc.name, w, err)
		}
	}
}
