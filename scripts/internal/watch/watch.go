package watch

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDelay is the quiet period after the last change before tests run.
const DefaultDelay = 150 * time.Millisecond

// Options configures Watch.
type Options struct {
	// Dirs maps each directory to watch to the key passed to Run (an
	// exercise ID). fsnotify is not recursive; exercises are flat.
	Dirs map[string]string
	// Delay is the debounce quiet period; zero means DefaultDelay.
	Delay time.Duration
	// Run is called for one key at a time, never concurrently. saved is the
	// time of the last change in the burst.
	Run func(ctx context.Context, key string, saved time.Time)
	// Clock is for tests; nil means the wall clock.
	Clock Clock
}

// Relevant reports whether an fsnotify event should trigger a run: a
// change to a .go file (editors' backup and swap files do not count, nor
// does a bare chmod).
func Relevant(ev fsnotify.Event) bool {
	if !strings.HasSuffix(ev.Name, ".go") {
		return false
	}
	return ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0
}

// Watch watches o.Dirs until ctx is done, then returns nil.
func Watch(ctx context.Context, o Options) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("cannot watch files: %w", err)
	}
	defer w.Close()
	for dir := range o.Dirs {
		if err := w.Add(dir); err != nil {
			return fmt.Errorf("cannot watch %s: %w", dir, err)
		}
	}
	delay := o.Delay
	if delay == 0 {
		delay = DefaultDelay
	}
	q := newQueue()
	deb := NewDebouncer(delay, o.Clock, q.push)
	defer deb.Stop()

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-q.ready:
			}
			for {
				key, saved, ok := q.pop()
				if !ok || ctx.Err() != nil {
					break
				}
				o.Run(ctx, key, saved)
			}
		}
	}()
	defer wg.Wait()

	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !Relevant(ev) {
				continue
			}
			if key, ok := o.Dirs[filepath.Dir(ev.Name)]; ok {
				deb.Touch(key)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			return fmt.Errorf("file watcher: %w", err)
		}
	}
}

// queue holds keys waiting to run, in order, each at most once: a key that
// fires again while waiting keeps its place and takes the newer save time.
type queue struct {
	mu    sync.Mutex
	keys  []string
	saved map[string]time.Time
	ready chan struct{}
}

func newQueue() *queue {
	return &queue{saved: map[string]time.Time{}, ready: make(chan struct{}, 1)}
}

func (q *queue) push(key string, saved time.Time) {
	q.mu.Lock()
	if _, ok := q.saved[key]; !ok {
		q.keys = append(q.keys, key)
	}
	q.saved[key] = saved
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

func (q *queue) pop() (string, time.Time, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.keys) == 0 {
		return "", time.Time{}, false
	}
	key := q.keys[0]
	q.keys = q.keys[1:]
	saved := q.saved[key]
	delete(q.saved, key)
	return key, saved, true
}
