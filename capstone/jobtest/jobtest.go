// Package jobtest is the contract every service.JobQueue adapter passes:
// the in-process queue and RabbitMQ run the same tests.
package jobtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"workbook/capstone/service"
)

// Delays are the retry delays the queues under test must be built with.
var Delays = []time.Duration{50 * time.Millisecond, 100 * time.Millisecond}

// Harness is one fresh queue (built with Delays) and a way to read its
// dead letters.
type Harness struct {
	Queue service.JobQueue
	Dead  func(t *testing.T) []service.Job
}

// Run checks the queues open returns.
func Run(t *testing.T, open func(t *testing.T) Harness) {
	run := func(t *testing.T, q service.JobQueue, h service.JobHandler) func() {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); _ = q.Run(ctx, h) }()
		return func() { cancel(); <-done }
	}
	waitFor := func(t *testing.T, what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if cond() {
				return
			}
		}
		t.Fatalf("after 10 s: %s", what)
	}

	t.Run("EveryJobIsDelivered", func(t *testing.T) {
		hn := open(t)
		var mu sync.Mutex
		seen := map[string]int{}
		stop := run(t, hn.Queue, func(_ context.Context, j service.Job) error {
			mu.Lock()
			seen[j.Key]++
			mu.Unlock()
			if j.Kind != "test" || j.Attempt != 1 || string(j.Payload) != `{"n":1}` {
				return errors.Join(service.ErrPermanent, fmt.Errorf("got %+v", j))
			}
			return nil
		})
		defer stop()
		for i := range 20 {
			if err := hn.Queue.Publish(context.Background(), service.Job{Kind: "test", Key: fmt.Sprint(i), Payload: []byte(`{"n":1}`)}); err != nil {
				t.Fatal(err)
			}
		}
		waitFor(t, "all 20 jobs handled", func() bool { mu.Lock(); defer mu.Unlock(); return len(seen) == 20 })
		stop()
		if d := hn.Dead(t); len(d) != 0 {
			t.Errorf("dead letters %v, want none", d)
		}
	})
	t.Run("FailuresAreRetriedWithTheAttemptCounted", func(t *testing.T) {
		hn := open(t)
		var mu sync.Mutex
		var attempts []int
		stop := run(t, hn.Queue, func(_ context.Context, j service.Job) error {
			mu.Lock()
			defer mu.Unlock()
			attempts = append(attempts, j.Attempt)
			if j.Attempt < 3 {
				return errors.New("try again")
			}
			return nil
		})
		defer stop()
		if err := hn.Queue.Publish(context.Background(), service.Job{Kind: "test", Key: "flaky"}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the third attempt", func() bool { mu.Lock(); defer mu.Unlock(); return len(attempts) == 3 })
		time.Sleep(3 * Delays[len(Delays)-1]) // no fourth attempt follows a success
		stop()
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(attempts, []int{1, 2, 3}) {
			t.Errorf("attempts = %v, want [1 2 3]", attempts)
		}
		if d := hn.Dead(t); len(d) != 0 {
			t.Errorf("dead letters %v after a success, want none", d)
		}
	})
	t.Run("ExhaustedAndPermanentGoToTheDeadLetters", func(t *testing.T) {
		hn := open(t)
		var mu sync.Mutex
		calls := map[string]int{}
		stop := run(t, hn.Queue, func(_ context.Context, j service.Job) error {
			mu.Lock()
			calls[j.Key]++
			mu.Unlock()
			if j.Key == "bad" {
				return fmt.Errorf("malformed: %w", service.ErrPermanent)
			}
			return errors.New("always fails")
		})
		defer stop()
		for _, k := range []string{"doomed", "bad"} {
			if err := hn.Queue.Publish(context.Background(), service.Job{Kind: "test", Key: k}); err != nil {
				t.Fatal(err)
			}
		}
		var dead []service.Job
		waitFor(t, "two dead letters", func() bool { dead = append(dead, hn.Dead(t)...); return len(dead) >= 2 })
		stop()
		byKey := map[string]service.Job{}
		for _, j := range dead {
			byKey[j.Key] = j
		}
		mu.Lock()
		defer mu.Unlock()
		if j := byKey["doomed"]; j.Attempt != len(Delays)+1 || calls["doomed"] != len(Delays)+1 {
			t.Errorf("an always-failing job: dead at attempt %d after %d calls, want both %d", j.Attempt, calls["doomed"], len(Delays)+1)
		}
		if j := byKey["bad"]; j.Attempt != 1 || calls["bad"] != 1 {
			t.Errorf("a permanent failure: dead at attempt %d after %d calls, want 1 and 1", j.Attempt, calls["bad"])
		}
	})
}
