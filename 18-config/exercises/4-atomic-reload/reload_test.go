package atomicreload

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const file = "exercises/4-atomic-reload/reload.go"

type config struct {
	A, B int // a loader always sets them equal: a reader seeing them differ saw a torn value
	Name string
}

// source is a loader the test controls: it returns next (or err), counts
// its calls, and, once gated, waits for the test at every call.
type source struct {
	mu      sync.Mutex
	next    config
	err     error
	calls   atomic.Int32
	gated   atomic.Bool
	started chan struct{}
	release chan struct{}
}

func newSource(c config) *source {
	return &source{next: c, started: make(chan struct{}), release: make(chan struct{})}
}

func (s *source) set(c config, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next, s.err = c, err
}

func (s *source) load(ctx context.Context) (config, error) {
	s.calls.Add(1)
	if s.gated.Load() {
		s.started <- struct{}{}
		<-s.release
	}
	if err := ctx.Err(); err != nil {
		return config{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next, s.err
}

var errEmptyName = errors.New("name is empty")

func validName(c config) error {
	if c.Name == "" {
		return errEmptyName
	}
	return nil
}

func mustNew(t *testing.T, src *source, validate Validator[config]) *Reloader[config] {
	t.Helper()
	r, err := New(context.Background(), src.load, validate)
	if err != nil || r == nil {
		t.Fatalf("New with a valid configuration: %v (edit %s)", err, file)
	}
	return r
}

func wantCurrent(t *testing.T, r *Reloader[config], name string, version uint64) {
	t.Helper()
	if c, v := r.Current(); c.Name != name || v != version {
		t.Errorf("Current() = %q version %d, want %q version %d (edit %s)", c.Name, v, name, version, file)
	}
}

// within runs f and fails the test if it has not returned after 5 s: the
// bound of a broken (blocking) solution, not a speed target.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s blocked for 5s (edit %s)", what, file)
	}
}

func TestNewRefusesToStartInvalid(t *testing.T) {
	r := mustNew(t, newSource(config{Name: "one"}), validName)
	wantCurrent(t, r, "one", 1)
	if st := r.Status(); st != (Status{Version: 1}) {
		t.Errorf("Status() after New = %+v, want version 1 and nothing else (edit %s)", st, file)
	}

	r, err := New(context.Background(), newSource(config{}).load, validName)
	if r != nil || !errors.Is(err, ErrInvalid) || !errors.Is(err, errEmptyName) {
		t.Errorf("New(invalid) = %v, %v; want nil and an error wrapping ErrInvalid and the validator's error (edit %s)", r, err, file)
	}
	down := errors.New("config store down")
	src := newSource(config{Name: "x"})
	src.set(config{Name: "x"}, down)
	r, err = New(context.Background(), src.load, validName)
	if r != nil || !errors.Is(err, down) || errors.Is(err, ErrInvalid) {
		t.Errorf("New(failing loader) = %v, %v; want nil and the loader's error, not ErrInvalid (edit %s)", r, err, file)
	}
}

func TestInvalidReloadKeepsTheOld(t *testing.T) {
	src := newSource(config{Name: "one"})
	r := mustNew(t, src, validName)

	src.set(config{Name: ""}, nil)
	err := r.Reload(context.Background())
	if !errors.Is(err, ErrInvalid) || !errors.Is(err, errEmptyName) {
		t.Errorf("Reload(invalid) = %v, want ErrInvalid wrapping the validator's error (edit %s)", err, file)
	}
	wantCurrent(t, r, "one", 1)
	if st := r.Status(); st.Version != 1 || st.Reloads != 0 || st.Rejected != 1 || !errors.Is(st.LastError, errEmptyName) {
		t.Errorf("Status() after a rejected reload = %+v (edit %s)", st, file)
	}

	down := errors.New("config store down")
	src.set(config{Name: "ignored"}, down)
	if err := r.Reload(context.Background()); !errors.Is(err, down) || errors.Is(err, ErrInvalid) {
		t.Errorf("Reload(failing loader) = %v, want the loader's error, not ErrInvalid (edit %s)", err, file)
	}
	src.set(config{Name: "two"}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Reload(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Reload(cancelled ctx) = %v, want context.Canceled from the loader (edit %s)", err, file)
	}
	wantCurrent(t, r, "one", 1)
	if st := r.Status(); st.Rejected != 3 || !errors.Is(st.LastError, context.Canceled) {
		t.Errorf("Status() after three rejected reloads = %+v (edit %s)", st, file)
	}

	if err := r.Reload(context.Background()); err != nil {
		t.Fatalf("Reload(valid) = %v (edit %s)", err, file)
	}
	wantCurrent(t, r, "two", 2)
	if st := r.Status(); st != (Status{Version: 2, Reloads: 1, Rejected: 3}) {
		t.Errorf("Status() after a good reload = %+v, want version 2, 1 reload, 3 rejected, no error (edit %s)", st, file)
	}
	if err := r.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantCurrent(t, r, "two", 3) // the same content is still a new version
}

// TestValidatesBeforeSwapping: while the validator looks at the new
// configuration, readers must still get the old one.
func TestValidatesBeforeSwapping(t *testing.T) {
	src := newSource(config{Name: "one"})
	var r *Reloader[config]
	var during atomic.Value // what Current returned during validation
	validate := func(c config) error {
		if r != nil {
			cur, v := r.Current()
			during.Store([2]any{cur.Name, v})
		}
		return validName(c)
	}
	r = mustNew(t, src, validate)
	for _, name := range []string{"", "two"} { // rejected, then accepted
		src.set(config{Name: name}, nil)
		within(t, "Reload with a validator that reads Current()", func() { _ = r.Reload(context.Background()) })
		if got := during.Load(); got != [2]any{"one", uint64(1)} {
			t.Errorf("during validation of %q Current() gave %v, want the old [one 1]: validate before you swap (edit %s)", name, got, file)
		}
	}
}

// TestReadersNeverWait: a slow load must not hold up Current or Status.
func TestReadersNeverWait(t *testing.T) {
	src := newSource(config{Name: "one"})
	r := mustNew(t, src, validName)
	src.set(config{Name: "two"}, nil)
	src.gated.Store(true)
	done := make(chan error)
	go func() { done <- r.Reload(context.Background()) }()
	<-src.started // the load is in progress
	within(t, "Current() during a slow load", func() { wantCurrent(t, r, "one", 1) })
	within(t, "Status() during a slow load", func() {
		if st := r.Status(); st.Version != 1 {
			t.Errorf("Status() during a load = %+v, want version 1", st)
		}
	})
	src.release <- struct{}{}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	wantCurrent(t, r, "two", 2)
}

// TestConcurrentReadersAndReloads runs under -race: readers see whole
// snapshots, and concurrent reloads neither run together nor lose a version.
func TestConcurrentReadersAndReloads(t *testing.T) {
	var n, inFlight, maxInFlight atomic.Int32
	load := func(context.Context) (config, error) {
		if f := inFlight.Add(1); f > maxInFlight.Load() {
			maxInFlight.Store(f)
		}
		defer inFlight.Add(-1)
		k := int(n.Add(1))
		return config{A: k, B: k, Name: "n"}, nil
	}
	r, err := New(context.Background(), load, validName)
	if err != nil {
		t.Fatalf("New: %v (edit %s)", err, file)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var readers sync.WaitGroup
	for range 4 {
		readers.Go(func() {
			last := uint64(0)
			for ctx.Err() == nil {
				c, v := r.Current()
				if c.A != c.B || uint64(c.A) != v || v < last {
					t.Errorf("reader saw %+v at version %d after version %d: torn or out of order (edit %s)", c, v, last, file)
					return
				}
				last = v
			}
		})
	}
	var reloaders sync.WaitGroup
	for range 8 {
		reloaders.Go(func() {
			for range 25 {
				if err := r.Reload(context.Background()); err != nil {
					t.Error(err)
				}
			}
		})
	}
	reloaders.Wait()
	cancel()
	readers.Wait()
	if st := r.Status(); st.Version != 201 || st.Reloads != 200 {
		t.Errorf("after 200 reloads Status() = %+v, want version 201 (edit %s)", st, file)
	}
	if m := maxInFlight.Load(); m != 1 {
		t.Errorf("%d loads ran at once, want one at a time (edit %s)", m, file)
	}
}

// TestRunCoalescesTriggers: triggers that arrive while a reload runs are
// folded into exactly one more reload; Trigger never blocks.
func TestRunCoalescesTriggers(t *testing.T) {
	src := newSource(config{Name: "one"})
	r := mustNew(t, src, validName)
	within(t, "Trigger() with nobody running", func() { r.Trigger(); r.Trigger(); r.Trigger() })
	// Those three are pending now: Run starts with one reload for all of them.
	src.gated.Store(true)
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { r.Run(ctx); close(stopped) }()

	waitStart := func(n int) {
		t.Helper()
		select {
		case <-src.started:
		case <-time.After(5 * time.Second):
			t.Fatalf("reload %d never started (edit %s)", n, file)
		}
	}
	waitStart(1)
	src.release <- struct{}{} // reload 1 done: nothing pending
	within(t, "Trigger()", r.Trigger)
	waitStart(2)
	within(t, "Trigger() during a reload", func() {
		for range 5 {
			r.Trigger()
		}
	})
	src.release <- struct{}{} // reload 2 done; the five triggers are one pending reload
	waitStart(3)
	src.set(config{Name: "three"}, nil)
	src.release <- struct{}{}
	within(t, "the last reload", func() {
		for r.Status().Reloads != 3 {
			time.Sleep(time.Millisecond)
		}
	})
	cancel()
	within(t, "Run after its context ended", func() { <-stopped })
	if c := src.calls.Load(); c != 4 {
		t.Errorf("the loader ran %d times, want 4: New, then one per coalesced burst (edit %s)", c, file)
	}
	wantCurrent(t, r, "three", 4)
	within(t, "Trigger() after Run stopped", func() { r.Trigger(); r.Trigger() })
}
