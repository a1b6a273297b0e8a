//go:build solution

package jobworker

import (
	"context"
	"errors"
)

// Worker runs jobs from a channel one at a time, step by step.
type Worker struct {
	jobs   <-chan Job
	step   StepFunc
	cp     Checkpoints
	quit   chan struct{} // closed by Stop
	done   chan struct{} // closed when the loop has returned
	ctx    context.Context
	cancel context.CancelFunc // the steps' context: cancelled when Stop gives up
}

// Start starts a worker taking jobs from jobs, running their steps with
// step and keeping its progress in cp.
func Start(jobs <-chan Job, step StepFunc, cp Checkpoints) (*Worker, error) {
	if jobs == nil || step == nil || cp == nil {
		return nil, errors.New("a worker needs a jobs channel, a step function and a checkpoint store")
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Worker{jobs: jobs, step: step, cp: cp, quit: make(chan struct{}), done: make(chan struct{}), ctx: ctx, cancel: cancel}
	go w.loop()
	return w, nil
}

// stopping reports whether Stop was called. It is asked before every job
// and every step: a select on quit and on jobs picks at random when both
// are ready, and would take the next job half of the time.
func (w *Worker) stopping() bool {
	select {
	case <-w.quit:
		return true
	default:
		return false
	}
}

func (w *Worker) loop() {
	defer close(w.done)
	for !w.stopping() {
		select {
		case <-w.quit:
			return
		case j, ok := <-w.jobs:
			if !ok {
				return
			}
			w.run(j)
		}
	}
}

// run does j's steps from its checkpoint on, saving after each. A failed
// step or save ends the job here; its checkpoint says where to resume.
func (w *Worker) run(j Job) {
	next, err := w.cp.Load(j.ID)
	if err != nil {
		return
	}
	for s := next; s < j.Steps; s++ {
		if w.stopping() {
			return // the job's message stays unacked; a restart resumes at s
		}
		if err := w.step(w.ctx, j, s); err != nil {
			return
		}
		if err := w.cp.Save(j.ID, s+1); err != nil {
			return
		}
	}
}

// Stop asks the worker to stop after its current step and waits until it
// is idle, or until ctx ends. It is called once.
func (w *Worker) Stop(ctx context.Context) error {
	defer w.cancel() // on a deadline, the step still running is told to give up
	close(w.quit)
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
