// Package atomicreload is exercise 4 of chapter 18: a configuration that
// reloads by atomic swap, keeps the old value when the new one is invalid,
// and coalesces reload requests that arrive while one is running.
package atomicreload

import (
	"context"
	"errors"
)

// A Loader reads a configuration: files, the environment, a remote store.
type Loader[T any] func(ctx context.Context) (T, error)

// A Validator checks a loaded configuration; nil means it may be used.
type Validator[T any] func(T) error

// ErrInvalid is wrapped, with the validator's own error, by New and Reload
// when a configuration was loaded but did not validate.
var ErrInvalid = errors.New("invalid configuration")

// Status is what a Reloader reports about itself.
type Status struct {
	Version   uint64 // of the configuration in use: 1 after New, +1 per successful reload
	Reloads   int    // successful reloads
	Rejected  int    // reloads that kept the previous configuration
	LastError error  // why the latest reload was rejected; nil once a reload succeeds
}
