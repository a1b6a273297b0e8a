package coordinator

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestReverseOrder(t *testing.T) {
	var c Coordinator
	var got []string
	for _, n := range []string{"db", "cache", "worker", "http"} {
		c.Add(n, time.Second, func(context.Context) error { got = append(got, n); return nil })
	}
	if err := c.Shutdown(context.Background()); err != nil {
		t.Fatalf("Shutdown = %v, want nil", err)
	}
	if want := []string{"http", "worker", "cache", "db"}; !reflect.DeepEqual(got, want) {
		t.Errorf("hooks ran %v, want %v", got, want)
	}
}

func TestErrorsJoinedAndAllRun(t *testing.T) {
	var c Coordinator
	boom := errors.New("boom")
	ran := 0
	c.Add("a", time.Second, func(context.Context) error { ran++; return nil })
	c.Add("b", time.Second, func(context.Context) error { ran++; return boom })
	c.Add("c", time.Second, func(context.Context) error { ran++; return nil })
	err := c.Shutdown(context.Background())
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "b: boom") {
		t.Errorf("Shutdown = %v, want an error wrapping boom named b", err)
	}
	if ran != 3 {
		t.Errorf("%d hooks ran, want 3 (a failing hook does not stop the others)", ran)
	}
}

func TestStuckHookCutAtItsDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Coordinator
		release := make(chan struct{})
		defer close(release)
		var firstRan bool
		deadlines := make(chan time.Duration, 1) // the stuck hook outlives Shutdown: no shared variable
		c.Add("first", time.Second, func(context.Context) error { firstRan = true; return nil })
		c.Add("stuck", 50*time.Millisecond, func(ctx context.Context) error {
			d, _ := ctx.Deadline()
			deadlines <- time.Until(d)
			<-release // ignores ctx
			return nil
		})
		start := time.Now()
		err := c.Shutdown(context.Background())
		if el := time.Since(start); el != 50*time.Millisecond {
			t.Errorf("Shutdown took %v (fake clock), want 50ms: the stuck hook's own deadline", el)
		}
		if hookDeadline := <-deadlines; hookDeadline != 50*time.Millisecond {
			t.Errorf("hook's ctx deadline %v away, want 50ms", hookDeadline)
		}
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "stuck") {
			t.Errorf("Shutdown = %v, want stuck: deadline exceeded", err)
		}
		if !firstRan {
			t.Error("the hook after a stuck one did not run")
		}
	})
}

func TestParentDeadlineBoundsEveryHook(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Coordinator
		c.Add("slow", time.Hour, func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start := time.Now()
		err := c.Shutdown(ctx)
		if el := time.Since(start); el != 2*time.Second {
			t.Errorf("Shutdown took %v, want 2s (the parent's deadline)", el)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Shutdown = %v, want DeadlineExceeded", err)
		}
	})
}
