package grade

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/manifest"
)

// Version is the results format version, after exercism's test-runner
// results.json v3.
const Version = 3

// Results is the grade report. Its JSON shape is documented in
// scripts/README.md.
type Results struct {
	Version int    `json:"version"`
	Status  string `json:"status"` // pass | fail | error
	// Message says why the grader could not grade; exercism's v3 sets it
	// only when Status is "error".
	Message  string `json:"message,omitempty"`
	Score    int    `json:"score"`
	MaxScore int    `json:"max_score"`
	// Summary is a one-line summary such as "1/2 exercises passed, 1/3
	// points" (the workbook's field; it is always set).
	Summary string `json:"summary,omitempty"`
	// Warnings are problems beside the exercises, such as graded files of
	// an exercise that no longer exists.
	Warnings  []string         `json:"warnings,omitempty"`
	Tests     []TestResult     `json:"tests"`
	Exercises []ExerciseResult `json:"exercises"`
}

// TestResult is one test or subtest.
type TestResult struct {
	Name    string `json:"name"`
	Status  string `json:"status"` // pass | fail | error
	Message string `json:"message,omitempty"`
	// TestCode is the body of a top-level test function, de-indented,
	// without its "func … {" line and closing brace.
	TestCode string `json:"test_code,omitempty"`
	Chapter  string `json:"chapter"`
	Exercise string `json:"exercise"`
	// Points is what the test's exercise is worth. Exercises are graded all
	// or nothing, so the score is the sum over exercises, not over tests.
	Points int `json:"points"`

	// Elapsed is the test's run time in seconds, from go test -json.
	Elapsed float64 `json:"-"`
}

// ExerciseResult is one exercise's grade.
type ExerciseResult struct {
	Chapter   string   `json:"chapter"`
	Exercise  string   `json:"exercise"`
	Title     string   `json:"title"`
	Status    Status   `json:"status"` // pass | fail | error | skipped | tampered
	Points    int      `json:"points"`
	MaxPoints int      `json:"max_points"`
	Tampered  []string `json:"tampered"`
	Message   string   `json:"message,omitempty"`
	Passed    int      `json:"tests_passed"`
	Total     int      `json:"tests_total"`
	// Skipped counts the tests that skipped; NeedsServices names the
	// testinfra services they wait for (see Verdict.NeedsServices).
	Skipped       int      `json:"tests_skipped,omitempty"`
	NeedsServices []string `json:"needs_services,omitempty"`

	// Changes are the tampered files with how each changed.
	Changes []manifest.Change `json:"-"`
	// Verdict is what the exercise's test run meant.
	Verdict Verdict `json:"-"`
	// Elapsed is the package's run time in seconds, from go test -json.
	Elapsed float64 `json:"-"`
}

// Input is one exercise to score.
type Input struct {
	Exercise *exercise.Exercise
	// Package is the exercise's test results; nil when its chapter could not
	// be run (then RunErr says why).
	Package *gotest.Package
	RunErr  error
	// Expected are the test functions the exercise declares.
	Expected []string
	// TestCode maps a test function to its source; top-level tests get it
	// as test_code.
	TestCode map[string]string
	// Changes are the graded files of this exercise that differ from
	// exercises.sum.
	Changes []manifest.Change
}

// Score builds the results. Points are the exercise's difficulty, all or
// nothing; a tampered exercise earns nothing whatever its tests say.
func Score(inputs []Input) *Results {
	r := &Results{Version: Version, Tests: []TestResult{}, Exercises: []ExerciseResult{}}
	var passed, tampered, skipped, errored int
	runErr := ""
	for _, in := range inputs {
		ex := in.Exercise
		er := ExerciseResult{
			Chapter:   ex.Chapter,
			Exercise:  ex.Name,
			Title:     ex.Title(),
			MaxPoints: ex.Points(),
			Tampered:  []string{},
		}
		var v Verdict
		if in.RunErr != nil {
			v = Verdict{Status: Error, Detail: in.RunErr.Error()}
			errored++
			if runErr == "" {
				runErr = ex.ID() + ": " + firstLine(in.RunErr.Error())
			}
		} else {
			v = Evaluate(in.Package, in.Expected)
			if v.Status == Skipped {
				// A skip that neither testinfra nor the tests can make
				// was injected; reading the tests tells which.
				testsSkip, err := TestsCallSkip(ex.Dir)
				v = v.JudgeSkips(testsSkip || err != nil)
			}
		}
		if in.Package != nil {
			er.Elapsed = in.Package.Elapsed
		}
		er.Verdict = v
		er.Status = v.Status
		er.NeedsServices = v.NeedsServices()
		switch v.Status {
		case Pass:
		case Error, Skipped, Tampered:
			er.Message = firstLines(v.Detail, 20)
		default:
			er.Message = strings.Join(v.FailureSummary(20), "\n")
		}
		if er.Status == Tampered {
			tampered++
		}
		if len(in.Changes) > 0 {
			if er.Status != Tampered {
				tampered++
			}
			er.Status = Tampered
			er.Changes = in.Changes
			var why []string
			for _, c := range in.Changes {
				er.Tampered = append(er.Tampered, c.Path)
				why = append(why, c.String())
			}
			er.Message = "graded files differ from exercises.sum: " + strings.Join(why, ", ")
		}
		switch er.Status {
		case Pass:
			er.Points = er.MaxPoints
			passed++
		case Skipped:
			skipped++
		}
		r.Score += er.Points
		r.MaxScore += er.MaxPoints
		r.Tests = append(r.Tests, testResults(in, v, &er)...)
		r.Exercises = append(r.Exercises, er)
	}
	switch {
	case len(inputs) == 0:
		r.Status = string(Error)
		r.Message = "no exercises found to grade"
		r.Summary = r.Message
		return r
	case errored > 0:
		r.Status = string(Error)
	case passed == len(inputs):
		r.Status = string(Pass)
	default:
		r.Status = string(Fail)
	}
	r.Summary = fmt.Sprintf("%d/%d exercises passed, %d/%d points", passed, len(inputs), r.Score, r.MaxScore)
	if skipped > 0 {
		r.Summary += fmt.Sprintf("; %d skipped (a service is missing)", skipped)
	}
	if tampered > 0 {
		r.Summary += fmt.Sprintf("; %d tampered", tampered)
	}
	if errored > 0 {
		r.Summary += fmt.Sprintf("; %d could not be run", errored)
		r.Message = fmt.Sprintf("the tests of %d %s could not be run (%s); %s", errored, plural(errored, "exercise", "exercises"), runErr, r.Summary)
	}
	return r
}

func testResults(in Input, v Verdict, er *ExerciseResult) []TestResult {
	ex := in.Exercise
	base := TestResult{Chapter: ex.Chapter, Exercise: ex.Name, Points: ex.Points()}
	var out []TestResult
	if in.Package == nil || in.Package.Status == gotest.StatusBuildFail || in.RunErr != nil {
		t := base
		t.Name = "build"
		t.Status = string(Error)
		t.Message = firstLines(v.Detail, 50)
		er.Total = 1
		return append(out, t)
	}
	for _, gt := range in.Package.Tests {
		t := base
		t.Name = gt.Name
		t.Elapsed = gt.Elapsed
		if gt.TopLevel() {
			t.TestCode = FuncBody(in.TestCode[gt.Name])
		}
		switch gt.Status {
		case gotest.StatusPass:
			t.Status = string(Pass)
			er.Passed++
		case gotest.StatusSkip:
			t.Status = string(Error)
			t.Message = "skipped: " + strings.TrimSpace(gt.Output)
			er.Skipped++
		default:
			t.Status = string(Fail)
			t.Message = strings.TrimSpace(gt.Output)
			if gt.Unfinished {
				t.Message = "did not finish (timed out or panicked)\n" + t.Message
			}
		}
		er.Total++
		out = append(out, t)
	}
	for _, name := range v.Missing {
		t := base
		t.Name = name
		t.Status = string(Fail)
		t.Message = "this test never ran"
		er.Total++
		out = append(out, t)
	}
	return out
}

// FuncBody returns the body of a function declaration's source, without
// the "func … {" line and the closing brace, de-indented by the indentation
// its lines share: exercism's test_code. Source that does not parse as a
// function is returned unchanged.
func FuncBody(src string) string {
	if src == "" {
		return ""
	}
	const head = "package p\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", head+src, parser.SkipObjectResolution|parser.ParseComments)
	if err != nil || len(f.Decls) != 1 {
		return src
	}
	fn, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fn.Body == nil {
		return src
	}
	full := head + src
	body := full[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset]
	// Drop the rest of the "{" line and the indentation before "}".
	if i := strings.IndexByte(body, '\n'); i >= 0 && strings.TrimSpace(body[:i]) == "" {
		body = body[i+1:]
	}
	body = strings.TrimRight(body, " \t\n")
	return dedent(body)
}

// dedent removes the longest run of leading tabs and spaces that every
// non-blank line shares.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	prefix := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = ind, false
			continue
		}
		for !strings.HasPrefix(ind, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			lines[i] = ""
			continue
		}
		lines[i] = strings.TrimPrefix(l, prefix)
	}
	return strings.Join(lines, "\n")
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("… %d more lines", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}

// WriteJSON writes r, indented, to name.
func (r *Results) WriteJSON(name string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(b, '\n'), 0o644)
}
