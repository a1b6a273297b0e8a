//go:build !solution

package procrunner

import (
	"context"
	"errors"
)

// Run starts every process, copies their output to r.Out, and stops them
// all when one exits or ctx is done.
func (r *Runner) Run(ctx context.Context) (Result, error) {
	return Result{}, errors.New("not implemented: edit exercises/3-process-runner/runner.go")
}
