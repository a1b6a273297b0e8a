// Package goldenfiles is exercise 3 of chapter 26: a golden-file helper
// with an update mode, a line diff and normalised line endings.
package goldenfiles

import "errors"

// TB is the part of testing.TB the helper uses; *testing.T satisfies it, and
// so does the recording fake in golden_test.go.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// Golden compares outputs with files named Dir/<name>.golden. Wire Update to
// a flag in the test that uses it:
//
//	var update = flag.Bool("update", false, "rewrite the golden files")
//	…
//	goldenfiles.Golden{Dir: "testdata", Update: *update}.Assert(t, "list", got)
type Golden struct {
	Dir    string // directory of the golden files, e.g. "testdata"
	Update bool   // write got to the file instead of comparing
}

// ErrNotImplemented is what the stub reports.
var ErrNotImplemented = errors.New("not implemented: edit exercises/3-golden-files/golden.go")
