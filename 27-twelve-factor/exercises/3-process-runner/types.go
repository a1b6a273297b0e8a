// Package procrunner is exercise 3 of chapter 27: run a Procfile's
// processes the way foreman or honcho does.
package procrunner

import (
	"io"
	"time"
)

// Proc is one process to run: Command is given to `sh -c`.
type Proc struct {
	Name    string
	Command string
}

// Runner runs Procs together until one exits or the context is done.
type Runner struct {
	Procs []Proc
	Out   io.Writer     // every line of every process's stdout and stderr, as "name | line\n"
	Grace time.Duration // after SIGTERM, how long a process has before SIGKILL; must be > 0
}

// Result is how a run ended.
type Result struct {
	// Code is the status the runner should exit with: the code of the
	// first failure in time, or 0 when nothing failed.
	Code int
	// First is the process whose own exit began the stop; "" when the
	// context did.
	First string
	// Killed are the processes still running Grace after SIGTERM, which
	// got SIGKILL, in Procs order.
	Killed []string
}
