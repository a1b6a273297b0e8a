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
	// Detail is build output, a package-level panic, the run error, why
	// tests were skipped, or how a skip was injected.
	Detail string
	// Skips are the tests (and subtests) that skipped, in the order they
	// started. One skip is enough for the exercise not to pass.
	Skips []Skip
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
	topRan := 0
	for _, t := range pkg.Tests {
		if t.TopLevel() {
			topRan++
		}
		if t.Status == gotest.StatusSkip {
			v.Skips = append(v.Skips, parseSkip(t))
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
	case len(v.Skips) > 0:
		// A skipped test is never a pass, whatever the others did.
		v.Status = Skipped
		v.Detail = v.skipDetail()
		return v.JudgeSkips(true)
	default:
		v.Status = Pass
	}
	return v
}

// JudgeSkips returns v as Tampered when one of its skips cannot have come
// from the exercise's own tests: t.Skip was called from a file that is not a
// test, or testinfra reported a service missing that the grader's
// environment configures (testinfra never skips then, so the code under test
// changed the environment or printed the message itself), or — when
// testsCallSkip is false, see TestsCallSkip — the skip is not testinfra's
// at all. Evaluate applies the first two; the grader, which has read the
// test files, calls it again with what it found.
func (v Verdict) JudgeSkips(testsCallSkip bool) Verdict {
	if v.Status != Skipped {
		return v
	}
	for _, s := range v.Skips {
		if why := s.injected(testsCallSkip); why != "" {
			v.Status = Tampered
			v.Detail = why + ": a skip the tests did not make counts as tampering"
			return v
		}
	}
	return v
}

// NeedsService returns the testinfra service ("postgres", "rabbitmq",
// "memcached", "smtp", "elasticsearch" or "s3") that the verdict's skipped
// tests wait for, the first one if they wait for several. It is "" when no
// test skipped, or when any skip was not testinfra reporting a missing
// service: such a skip is not explained by a service.
func (v Verdict) NeedsService() string {
	if s := v.NeedsServices(); len(s) > 0 {
		return s[0]
	}
	return ""
}

// NeedsServices returns every service the skipped tests wait for, in the
// order they skipped, or nil when a skip is not explained by one (see
// NeedsService).
func (v Verdict) NeedsServices() []string {
	var out []string
	for _, s := range v.Skips {
		if s.Service == "" {
			return nil
		}
		if !containsString(out, s.Service) {
			out = append(out, s.Service)
		}
	}
	return out
}

// SkipReason is why tests skipped, for "skipped — <reason>": "needs
// PostgreSQL", "needs PostgreSQL and RabbitMQ", or the first skip's message
// when testinfra did not make it. It is "" when nothing skipped.
func (v Verdict) SkipReason() string {
	if len(v.Skips) == 0 {
		return ""
	}
	if names := v.NeedsServices(); len(names) > 0 {
		titles := make([]string, len(names))
		for i, n := range names {
			svc, _ := LookupService(n)
			titles[i] = svc.Title
		}
		return "needs " + joinAnd(titles)
	}
	for _, s := range v.Skips {
		if s.Service == "" && s.Message != "" {
			return s.Message
		}
	}
	return "a test called t.SkipNow"
}

// StartHints says how to start each service the skipped tests need, one
// line per service: "PostgreSQL: `docker compose up -d postgres`, or set …".
func (v Verdict) StartHints() []string {
	var out []string
	for _, n := range v.NeedsServices() {
		svc, _ := LookupService(n)
		out = append(out, svc.Title+": "+svc.StartHint())
	}
	return out
}

// skipDetail explains a skipped verdict in a few lines.
func (v Verdict) skipDetail() string {
	var tests []string
	for _, s := range v.Skips {
		tests = append(tests, s.Test)
	}
	lines := []string{fmt.Sprintf("skipped — %s (%d %s skipped: %s)", v.SkipReason(), len(tests), plural(len(tests), "test", "tests"), strings.Join(tests, ", "))}
	if hints := v.StartHints(); len(hints) > 0 {
		lines = append(lines, "Start it, then run the tests again:")
		for _, h := range hints {
			lines = append(lines, "  "+h)
		}
	} else if w := v.Skips[0].Where(); w != "" {
		lines = append(lines, "first skip at "+w+": "+v.Skips[0].Message)
	}
	return strings.Join(lines, "\n")
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// joinAnd joins "a", "b", "c" as "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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
