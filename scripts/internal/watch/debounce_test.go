package watch

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fakeClock fires timers only when Advance moves time past them.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	c       *fakeClock
	at      time.Time
	f       func()
	stopped bool
	fired   bool
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	was := !t.stopped && !t.fired
	t.stopped = true
	return was
}

// Advance moves the clock and runs due timers in order, synchronously.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []*fakeTimer
	for _, t := range c.timers {
		if !t.stopped && !t.fired && !t.at.After(c.now) {
			t.fired = true
			due = append(due, t)
		}
	}
	c.mu.Unlock()
	sort.Slice(due, func(i, j int) bool { return due[i].at.Before(due[j].at) })
	for _, t := range due {
		t.f()
	}
}

type firing struct {
	key  string
	last time.Time
}

func TestDebouncer(t *testing.T) {
	const delay = 150 * time.Millisecond
	type step struct {
		touch   string        // key to touch, or "" to only advance
		advance time.Duration // then advance by this much
	}
	tests := []struct {
		name  string
		steps []step
		want  []string // keys fired, in order
	}{
		{"single save runs once", []step{{"a", 0}, {"", delay}}, []string{"a"}},
		{"nothing before the quiet period", []step{{"a", 0}, {"", delay - time.Millisecond}}, nil},
		{"editor burst coalesces to one run", []step{
			{"a", 10 * time.Millisecond}, {"a", 10 * time.Millisecond}, {"a", 100 * time.Millisecond}, {"a", 0}, {"", delay},
		}, []string{"a"}},
		{"a burst longer than the delay keeps postponing", []step{
			{"a", 100 * time.Millisecond}, {"a", 100 * time.Millisecond}, {"a", 0}, {"", 149 * time.Millisecond},
		}, nil},
		{"separate exercises each run", []step{{"a", 10 * time.Millisecond}, {"b", 0}, {"", delay}}, []string{"a", "b"}},
		{"touching b does not postpone a", []step{{"a", 100 * time.Millisecond}, {"b", 60 * time.Millisecond}}, []string{"a"}},
		{"two saves far apart run twice", []step{{"a", delay}, {"a", delay}}, []string{"a", "a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Unix(1000, 0)}
			var got []firing
			d := NewDebouncer(delay, clock, func(key string, last time.Time) { got = append(got, firing{key, last}) })
			var lastTouch = map[string]time.Time{}
			for _, s := range tc.steps {
				if s.touch != "" {
					lastTouch[s.touch] = clock.Now()
					d.Touch(s.touch)
				}
				clock.Advance(s.advance)
			}
			var keys []string
			for _, f := range got {
				keys = append(keys, f.key)
			}
			if len(keys) != len(tc.want) || (len(keys) > 0 && !equal(keys, tc.want)) {
				t.Fatalf("fired %v, want %v", keys, tc.want)
			}
			if len(got) > 0 && len(tc.want) == 1 && !got[0].last.Equal(lastTouch[got[0].key]) {
				t.Errorf("fired with last = %v, want the time of the last touch %v", got[0].last, lastTouch[got[0].key])
			}
		})
	}
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDebouncerStop(t *testing.T) {
	clock := &fakeClock{}
	fired := 0
	d := NewDebouncer(time.Second, clock, func(string, time.Time) { fired++ })
	d.Touch("a")
	d.Stop()
	d.Touch("b")
	clock.Advance(time.Hour)
	if fired != 0 {
		t.Errorf("fired %d times after Stop, want 0", fired)
	}
}

func TestRelevant(t *testing.T) {
	tests := []struct {
		ev   fsnotify.Event
		want bool
	}{
		{fsnotify.Event{Name: "/x/add.go", Op: fsnotify.Write}, true},
		{fsnotify.Event{Name: "/x/add.go", Op: fsnotify.Create}, true},
		{fsnotify.Event{Name: "/x/add.go", Op: fsnotify.Rename}, true},
		{fsnotify.Event{Name: "/x/add.go", Op: fsnotify.Chmod}, false},
		{fsnotify.Event{Name: "/x/add.go~", Op: fsnotify.Write}, false},
		{fsnotify.Event{Name: "/x/.add.go.swp", Op: fsnotify.Write}, false},
		{fsnotify.Event{Name: "/x/README.md", Op: fsnotify.Write}, false},
	}
	for _, tc := range tests {
		if got := Relevant(tc.ev); got != tc.want {
			t.Errorf("Relevant(%v) = %v, want %v", tc.ev, got, tc.want)
		}
	}
}

// TestWatch uses the real file system and a short real delay: a burst of
// writes to one exercise runs it once; a write to another runs that one.
func TestWatch(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "1-a"), filepath.Join(root, "2-b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	runs := make(chan string, 10)
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, Options{
			Dirs:  map[string]string{a: "a", b: "b"},
			Delay: 100 * time.Millisecond,
			Run:   func(_ context.Context, key string, _ time.Time) { runs <- key },
		})
	}()
	time.Sleep(100 * time.Millisecond) // let the watcher register
	for i := 0; i < 5; i++ {
		os.WriteFile(filepath.Join(a, "a.go"), []byte("package a // "+string(rune('0'+i))), 0o644)
		time.Sleep(5 * time.Millisecond)
	}
	os.WriteFile(filepath.Join(a, "notes.txt"), []byte("ignored"), 0o644)
	if got := <-runs; got != "a" {
		t.Fatalf("first run = %q, want a", got)
	}
	os.WriteFile(filepath.Join(b, "b.go"), []byte("package b"), 0o644)
	if got := <-runs; got != "b" {
		t.Fatalf("second run = %q, want b", got)
	}
	select {
	case got := <-runs:
		t.Errorf("unexpected extra run of %q: the burst did not coalesce", got)
	case <-time.After(300 * time.Millisecond):
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Watch() = %v, want nil after cancel", err)
	}
}
