// Package jobworker runs multi-step jobs in the background, stops between
// steps on shutdown, and resumes from a checkpoint after a restart.
package jobworker

import "context"

// Job is a job of Steps steps, numbered 0 to Steps-1.
type Job struct {
	ID    string
	Steps int
}

// StepFunc runs one step of a job. Its context is not cancelled when Stop
// is called (a step runs to its end) but when Stop gives up at its deadline.
type StepFunc func(ctx context.Context, j Job, step int) error

// Checkpoints is where progress survives a restart (a table, a file).
type Checkpoints interface {
	// Load returns the first step of job id not yet done: 0 for a job it
	// has never seen.
	Load(id string) (next int, err error)
	// Save records that every step of job id before next is done.
	Save(id string, next int) error
}
