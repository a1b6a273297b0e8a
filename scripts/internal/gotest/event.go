// Package gotest runs `go test -json` and folds its event stream into
// per-package, per-test results.
//
// The stream format is documented by `go doc test2json`. Since Go 1.24 build
// errors arrive in the same stream as "build-output" events keyed by
// ImportPath, and the package's final "fail" event names the failed build in
// FailedBuild.
package gotest

import "time"

// Event is one line of `go test -json` output.
type Event struct {
	Time        time.Time `json:",omitempty"`
	Action      string
	Package     string  `json:",omitempty"`
	Test        string  `json:",omitempty"`
	Elapsed     float64 `json:",omitempty"`
	Output      string  `json:",omitempty"`
	FailedBuild string  `json:",omitempty"`
	ImportPath  string  `json:",omitempty"`
}

// Status is the outcome of a test or a package.
type Status string

const (
	// StatusPass means every test ran and passed.
	StatusPass Status = "pass"
	// StatusFail means at least one test failed, panicked or timed out.
	StatusFail Status = "fail"
	// StatusSkip means the test was skipped, or the package has no tests.
	StatusSkip Status = "skip"
	// StatusBuildFail means the package or its tests did not compile.
	StatusBuildFail Status = "build-fail"
	// StatusUnknown means the stream ended before a verdict arrived.
	StatusUnknown Status = ""
)
