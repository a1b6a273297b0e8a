package uniquecheck

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"
)

// fakeRepo answers lookups with function fields; a nil field means "not taken".
type fakeRepo struct {
	username func(ctx context.Context, v string) (bool, error)
	email    func(ctx context.Context, v string) (bool, error)
}

var _ Repository = fakeRepo{}

func (f fakeRepo) UsernameTaken(ctx context.Context, v string) (bool, error) {
	if f.username == nil {
		return false, nil
	}
	return f.username(ctx, v)
}

func (f fakeRepo) EmailTaken(ctx context.Context, v string) (bool, error) {
	if f.email == nil {
		return false, nil
	}
	return f.email(ctx, v)
}

// takenSet answers true for the listed values.
func takenSet(values ...string) func(context.Context, string) (bool, error) {
	return func(_ context.Context, v string) (bool, error) {
		for _, t := range values {
			if t == v {
				return true, nil
			}
		}
		return false, nil
	}
}

func TestCheckReportsTakenValues(t *testing.T) {
	repo := fakeRepo{username: takenSet("alice"), email: takenSet("alice@example.com")}
	taken := FieldError{Code: "unique", Message: "is already taken"}
	withField := func(f string) FieldError { e := taken; e.Field = f; return e }
	tests := []struct {
		username, email string
		want            []FieldError
	}{
		{"bob", "bob@example.com", nil},
		{"alice", "bob@example.com", []FieldError{withField("username")}},
		{"bob", "alice@example.com", []FieldError{withField("email")}},
		{"alice", "alice@example.com", []FieldError{withField("email"), withField("username")}},
	}
	for _, tc := range tests {
		got, err := Checker{Repo: repo, Timeout: time.Second}.Check(context.Background(), tc.username, tc.email)
		if err != nil {
			t.Errorf("Check(%q, %q) error = %v, want nil", tc.username, tc.email, err)
			continue
		}
		if len(got) == 0 && len(tc.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Check(%q, %q) = %+v, want %+v", tc.username, tc.email, got, tc.want)
		}
	}
	if _, err := (Checker{Repo: repo, Timeout: time.Second}).Check(context.Background(), "bob", "bob@example.com"); err != nil {
		t.Fatalf("Check with nothing taken = %v, want nil", err)
	}
}

func TestCheckRunsLookupsConcurrently(t *testing.T) {
	// Each lookup waits for the other to have started. Run one after the
	// other, the first waits for ever (until the deadline).
	var started sync.WaitGroup
	started.Add(2)
	both := make(chan struct{})
	go func() { started.Wait(); close(both) }()
	wait := func(ctx context.Context, _ string) (bool, error) {
		started.Done()
		select {
		case <-both:
			return false, nil
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
	errs, err := Checker{Repo: fakeRepo{username: wait, email: wait}, Timeout: 2 * time.Second}.
		Check(context.Background(), "bob", "bob@example.com")
	if err != nil || len(errs) != 0 {
		t.Fatalf("Check with two lookups that wait for each other = %v, %v; want no errors (run them concurrently)", errs, err)
	}
}

func TestCheckTimesOutEvenIfTheRepositoryIgnoresContext(t *testing.T) {
	stubborn := func(context.Context, string) (bool, error) {
		time.Sleep(2 * time.Second)
		return false, nil
	}
	c := Checker{Repo: fakeRepo{username: stubborn, email: stubborn}, Timeout: 50 * time.Millisecond}
	start := time.Now()
	_, err := c.Check(context.Background(), "bob", "bob@example.com")
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("Check took %v with a 50ms timeout, want it to stop waiting at the deadline", elapsed)
	}
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("Check with a stuck repository = %v, want an error wrapping ErrTimeout", err)
	}
}

func TestCheckPassesADeadlineToTheRepository(t *testing.T) {
	for _, tc := range []struct {
		timeout, want time.Duration
	}{
		{200 * time.Millisecond, 200 * time.Millisecond},
		{0, DefaultTimeout},
	} {
		var mu sync.Mutex
		var remaining []time.Duration
		probe := func(ctx context.Context, _ string) (bool, error) {
			d, ok := ctx.Deadline()
			mu.Lock()
			defer mu.Unlock()
			if ok {
				remaining = append(remaining, time.Until(d))
			}
			return false, nil
		}
		if _, err := (Checker{Repo: fakeRepo{username: probe, email: probe}, Timeout: tc.timeout}).
			Check(context.Background(), "bob", "bob@example.com"); err != nil {
			t.Fatalf("Check(Timeout %v) = %v, want nil", tc.timeout, err)
		}
		if len(remaining) != 2 {
			t.Fatalf("Check(Timeout %v) gave %d of 2 lookups a context with a deadline", tc.timeout, len(remaining))
		}
		for _, r := range remaining {
			if r > tc.want || r < tc.want-150*time.Millisecond {
				t.Errorf("Check(Timeout %v): lookup saw %v left, want about %v", tc.timeout, r, tc.want)
			}
		}
	}
}

func TestCheckReturnsRepositoryErrors(t *testing.T) {
	boom := errors.New("connection refused")
	failing := func(context.Context, string) (bool, error) { return false, boom }
	_, err := Checker{Repo: fakeRepo{email: failing}, Timeout: time.Second}.Check(context.Background(), "bob", "bob@example.com")
	if !errors.Is(err, boom) || errors.Is(err, ErrTimeout) {
		t.Errorf("Check with a failing repository = %v, want an error wrapping %q and not ErrTimeout", err, boom)
	}
}

func TestCheckStopsWhenTheCallerCancels(t *testing.T) {
	blocked := func(ctx context.Context, _ string) (bool, error) {
		<-ctx.Done()
		return false, ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	_, err := Checker{Repo: fakeRepo{username: blocked, email: blocked}, Timeout: 5 * time.Second}.Check(ctx, "bob", "b@example.com")
	if time.Since(start) > time.Second {
		t.Errorf("Check took %v after the caller cancelled, want it to stop promptly", time.Since(start))
	}
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Errorf("Check after cancel = %v, want an error wrapping context.Canceled and not ErrTimeout", err)
	}
}

func TestCheckDoesNotLeakGoroutines(t *testing.T) {
	late := func(context.Context, string) (bool, error) {
		time.Sleep(100 * time.Millisecond)
		return true, nil
	}
	c := Checker{Repo: fakeRepo{username: late, email: late}, Timeout: 10 * time.Millisecond}
	before := runtime.NumGoroutine()
	for range 5 {
		if _, err := c.Check(context.Background(), "bob", "bob@example.com"); !errors.Is(err, ErrTimeout) {
			t.Fatalf("Check with late lookups = %v, want ErrTimeout", err)
		}
	}
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines remain after the late lookups answered, want %d: a lookup is blocked sending its result", n, before)
	}
}

// A repository that notices the caller's cancellation answers with an
// error; that is still the caller's cancellation, not a repository failure
// and never a success. Repeated because which of the two Check notices
// first is up to the scheduler, and both must give the same answer.
func TestCheckReportsCancellationSeenByTheRepository(t *testing.T) {
	for i := range 64 {
		ctx, cancel := context.WithCancel(context.Background())
		cancelling := func(ctx context.Context, _ string) (bool, error) {
			cancel()
			return false, ctx.Err()
		}
		errs, err := Checker{Repo: fakeRepo{email: cancelling}, Timeout: 5 * time.Second}.Check(ctx, "bob", "bob@example.com")
		if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) || errs != nil {
			t.Fatalf("run %d: Check with a repository that saw the caller cancel = %v, %v; want no field errors and an error wrapping context.Canceled, not ErrTimeout", i, errs, err)
		}
		cancel()
	}
}

// Any positive Timeout is used as given, even the smallest one.
func TestCheckUsesATinyTimeoutAsGiven(t *testing.T) {
	deadlines := make(chan time.Time, 2)
	probe := func(ctx context.Context, _ string) (bool, error) {
		d, _ := ctx.Deadline()
		deadlines <- d
		return false, nil
	}
	start := time.Now()
	Checker{Repo: fakeRepo{username: probe, email: probe}, Timeout: time.Nanosecond}.Check(context.Background(), "bob", "bob@example.com")
	for range 2 {
		select {
		case d := <-deadlines:
			if d.IsZero() || d.Sub(start) > 100*time.Millisecond {
				t.Errorf("Check(Timeout 1ns): a lookup's context has deadline %v after the call, want at most 1ns (not DefaultTimeout)", d.Sub(start))
			}
		case <-time.After(2 * time.Second):
			t.Fatal("Check(Timeout 1ns): a lookup never ran")
		}
	}
}
