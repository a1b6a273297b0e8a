// Package pipeline is exercise 3 of chapter 23: a cancellable
// generator → fan-out stage → fan-in → sink pipeline that never leaks.
package pipeline

import "errors"

// ErrWorkers is returned, before anything starts, for fewer than 1 worker.
var ErrWorkers = errors.New("pipeline: workers must be at least 1")
