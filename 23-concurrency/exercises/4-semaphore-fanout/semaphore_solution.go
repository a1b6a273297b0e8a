//go:build solution

package semfanout

import (
	"container/list"
	"context"
	"sync"
)

// waiter is one Acquire in line; ready is closed when its permits are granted.
type waiter struct {
	n     int64
	ready chan struct{}
}

// Semaphore is a weighted semaphore of a fixed size.
type Semaphore struct {
	size int64

	mu      sync.Mutex
	held    int64
	waiters list.List // of *waiter, oldest first
}

// NewSemaphore returns a semaphore with size permits, all free.
func NewSemaphore(size int64) (*Semaphore, error) {
	if size < 1 {
		return nil, ErrSize
	}
	return &Semaphore{size: size}, nil
}

// Acquire takes n permits, waiting in line (first come, first served)
// until they are free or ctx ends; then it returns ctx's error and holds
// nothing.
func (s *Semaphore) Acquire(ctx context.Context, n int64) error {
	if n < 1 || n > s.size {
		return ErrWeight // a weight above the size could never be granted
	}
	s.mu.Lock()
	if err := ctx.Err(); err != nil {
		s.mu.Unlock()
		return err
	}
	if s.waiters.Len() == 0 && s.size-s.held >= n {
		s.held += n // free, and nobody ahead of us
		s.mu.Unlock()
		return nil
	}
	w := &waiter{n: n, ready: make(chan struct{})}
	elem := s.waiters.PushBack(w)
	s.mu.Unlock()

	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		select {
		case <-w.ready:
			// Granted while we were giving up: hand the permits back.
			s.held -= n
			s.grantLocked()
		default:
			wasFront := s.waiters.Front() == elem
			s.waiters.Remove(elem)
			if wasFront {
				s.grantLocked() // the waiters behind us may fit now
			}
		}
		return ctx.Err()
	}
}

// TryAcquire takes n permits only if it can without waiting and without
// jumping the line.
func (s *Semaphore) TryAcquire(n int64) bool {
	if n < 1 || n > s.size {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.waiters.Len() > 0 || s.size-s.held < n {
		return false
	}
	s.held += n
	return true
}

// Release gives back n permits and lets waiters in, in order.
func (s *Semaphore) Release(n int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 1 || n > s.held {
		return ErrWeight
	}
	s.held -= n
	s.grantLocked()
	return nil
}

// grantLocked admits waiters from the front while the front one fits. It
// stops at the first that does not, even if a smaller one behind it would:
// letting small requests pass would starve a big one forever.
func (s *Semaphore) grantLocked() {
	for e := s.waiters.Front(); e != nil; e = s.waiters.Front() {
		w := e.Value.(*waiter)
		if s.size-s.held < w.n {
			return
		}
		s.held += w.n
		s.waiters.Remove(e)
		close(w.ready)
	}
}

// FanOut runs every task concurrently, starting them in order, each while
// holding its weight of sem. The first error cancels the context the other
// tasks got, starts no further task, and is returned; ctx ending first
// returns ctx's error. FanOut returns when every started task has returned.
func FanOut(ctx context.Context, sem *Semaphore, tasks []Task) error {
	for _, t := range tasks {
		if t.Weight < 1 || t.Weight > sem.size {
			return ErrWeight // refuse the batch before running any of it
		}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	for _, t := range tasks {
		if err := sem.Acquire(ctx, t.Weight); err != nil {
			break // cancelled: by a task's error or by the caller
		}
		if ctx.Err() != nil { // granted in the same instant as a cancellation
			_ = sem.Release(t.Weight)
			break
		}
		wg.Go(func() {
			defer func() { _ = sem.Release(t.Weight) }()
			if err := t.Run(ctx); err != nil {
				cancel(err)
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}
