// Package procfile is exercise 2 of chapter 27: parse a Procfile.
package procfile

import "fmt"

// Process is one process type of a Procfile.
type Process struct {
	Name    string // the process type: web, worker, release…
	Command string // the command line, for a shell to run
	Line    int    // 1-based line of the Procfile it came from
}

// LineError is one thing wrong with one line.
type LineError struct {
	Line   int // 1-based; 0 for the file as a whole
	Reason string
}

func (e *LineError) Error() string { return fmt.Sprintf("Procfile:%d: %s", e.Line, e.Reason) }
