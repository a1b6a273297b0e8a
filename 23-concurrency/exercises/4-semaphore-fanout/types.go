// Package semfanout is exercise 4 of chapter 23: a weighted semaphore with
// FIFO fairness, built from a mutex and channels, and a fan-out bounded by it.
package semfanout

import (
	"context"
	"errors"
)

var (
	// ErrSize is NewSemaphore's error for a size below 1.
	ErrSize = errors.New("semfanout: size must be at least 1")
	// ErrWeight is the error for a weight below 1 or above the size, and for
	// releasing more than is held.
	ErrWeight = errors.New("semfanout: weight out of range")
)

// Task is one unit of work for FanOut: it holds Weight permits while Run runs.
type Task struct {
	Weight int64
	Run    func(ctx context.Context) error
}
