// Package grade turns `go test` results into verdicts, scores exercises, and
// writes the results as exercism-style JSON and JUnit XML.
package grade

import (
	"fmt"
	"strings"

	"workbook/scripts/internal/gotest"
)

// Status is an exercise's or a test's outcome.
type Status string

const (
	Pass     Status = "pass"
	Fail     Status = "fail"
	Error    Status = "error"    // did not compile, or could not be run
	Skipped  Status = "skipped"  // every test skipped (a service is missing)
	Tampered Status = "tampered" // a graded file changed; no points
)

// Verdict is what one exercise's test run means.
type Verdict struct {
	Status Status
	// Failed are the failing tests that have no failing subtest.
	Failed []*gotest.Test
	// Missing are expected test functions that never reported.
	Missing []string
	// Detail is build output, a package-level panic, or the run error.
	Detail string
}

// Evaluate reads one package's results. expected are the top-level test
// functions the package declares (nil to skip that check): if the package
// passes but one of them never ran — say a TestMain that exits 0 was added —
// the verdict is Fail.
func Evaluate(pkg *gotest.Package, expected []string) Verdict {
	if pkg == nil {
		return Verdict{Status: Error, Detail: "go test reported nothing for this package"}
	}
	switch pkg.Status {
	case gotest.StatusBuildFail:
		detail := strings.TrimSpace(pkg.BuildOutput)
		if detail == "" {
			detail = strings.TrimSpace(pkg.Output)
		}
		return Verdict{Status: Error, Detail: detail}
	case gotest.StatusUnknown:
		return Verdict{Status: Error, Failed: pkg.Failed(), Detail: "go test stopped before the package finished\n" + strings.TrimSpace(pkg.Output)}
	}
	v := Verdict{Failed: pkg.Failed()}
	for _, name := range expected {
		if t := pkg.Test(name); t == nil {
			v.Missing = append(v.Missing, name)
		}
	}
	topRan, topSkipped := 0, 0
	for _, t := range pkg.Tests {
		if !t.TopLevel() {
			continue
		}
		topRan++
		if t.Status == gotest.StatusSkip {
			topSkipped++
		}
	}
	switch {
	case len(v.Failed) > 0:
		v.Status = Fail
	case pkg.Status == gotest.StatusFail:
		// The binary failed outside any test: a panic in init or TestMain,
		// or os.Exit.
		v.Status = Fail
		v.Detail = strings.TrimSpace(pkg.Output)
	case len(v.Missing) > 0:
		v.Status = Fail
		v.Detail = fmt.Sprintf("these tests never ran: %s", strings.Join(v.Missing, ", "))
	case topRan == 0:
		v.Status = Error
		v.Detail = "the package has no tests"
	case topSkipped == topRan:
		v.Status = Skipped
		for _, t := range pkg.Tests {
			if t.TopLevel() {
				v.Detail = strings.TrimSpace(t.Output)
				break
			}
		}
	default:
		v.Status = Pass
	}
	return v
}

// FailureSummary returns up to maxLines lines that explain the verdict: the
// first failing test's name and output, or the build errors.
func (v Verdict) FailureSummary(maxLines int) []string {
	var lines []string
	add := func(s string) {
		for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			lines = append(lines, l)
		}
	}
	if len(v.Failed) > 0 {
		t := v.Failed[0]
		head := "--- " + t.Name
		if t.Unfinished {
			head += " (did not finish: timed out or panicked)"
		}
		lines = append(lines, head)
		add(t.Output)
	}
	if len(lines) == 0 && v.Detail != "" {
		add(v.Detail)
	}
	if len(lines) > maxLines {
		more := len(lines) - maxLines
		lines = append(lines[:maxLines], fmt.Sprintf("… %d more lines", more))
	}
	return lines
}
