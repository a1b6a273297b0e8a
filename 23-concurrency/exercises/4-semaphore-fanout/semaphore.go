//go:build !solution

package semfanout

import (
	"context"
	"errors"
)

var errNotImplemented = errors.New("not implemented: edit exercises/4-semaphore-fanout/semaphore.go")

// Semaphore is a weighted semaphore of a fixed size.
type Semaphore struct{}

// NewSemaphore returns a semaphore with size permits, all free.
func NewSemaphore(size int64) (*Semaphore, error) {
	return &Semaphore{}, nil
}

// Acquire takes n permits, waiting in line (first come, first served)
// until they are free or ctx ends; then it returns ctx's error and holds
// nothing.
func (s *Semaphore) Acquire(ctx context.Context, n int64) error {
	return errNotImplemented
}

// TryAcquire takes n permits only if it can without waiting and without
// jumping the line.
func (s *Semaphore) TryAcquire(n int64) bool {
	return false
}

// Release gives back n permits and lets waiters in, in order.
func (s *Semaphore) Release(n int64) error {
	return errNotImplemented
}

// FanOut runs every task concurrently, starting them in order, each while
// holding its weight of sem. The first error cancels the context the other
// tasks got, starts no further task, and is returned; ctx ending first
// returns ctx's error. FanOut returns when every started task has returned.
func FanOut(ctx context.Context, sem *Semaphore, tasks []Task) error {
	return errNotImplemented
}
