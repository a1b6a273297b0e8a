package grade

import (
	"encoding/json"
	"fmt"
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
	Version   int              `json:"version"`
	Status    string           `json:"status"` // pass | fail | error
	Message   string           `json:"message,omitempty"`
	Score     int              `json:"score"`
	MaxScore  int              `json:"max_score"`
	Tests     []TestResult     `json:"tests"`
	Exercises []ExerciseResult `json:"exercises"`
}

// TestResult is one test or subtest.
type TestResult struct {
	Name     string `json:"name"`
	Status   string `json:"status"` // pass | fail | error
	Message  string `json:"message,omitempty"`
	TestCode string `json:"test_code,omitempty"`
	Chapter  string `json:"chapter"`
	Exercise string `json:"exercise"`
	// Points is what the test's exercise is worth. Exercises are graded all
	// or nothing, so the score is the sum over exercises, not over tests.
	Points int `json:"points"`
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

	// Changes are the tampered files with how each changed.
	Changes []manifest.Change `json:"-"`
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
	var passed, tampered, errored int
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
		} else {
			v = Evaluate(in.Package, in.Expected)
		}
		er.Status = v.Status
		switch v.Status {
		case Pass:
		case Error:
			er.Message = firstLines(v.Detail, 20)
		default:
			er.Message = strings.Join(v.FailureSummary(20), "\n")
		}
		if len(in.Changes) > 0 {
			er.Status = Tampered
			er.Changes = in.Changes
			tampered++
			var why []string
			for _, c := range in.Changes {
				er.Tampered = append(er.Tampered, c.Path)
				why = append(why, c.String())
			}
			er.Message = "graded files differ from exercises.sum: " + strings.Join(why, ", ")
		}
		if er.Status == Pass {
			er.Points = er.MaxPoints
			passed++
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
	case errored > 0:
		r.Status = string(Error)
	case passed == len(inputs):
		r.Status = string(Pass)
	default:
		r.Status = string(Fail)
	}
	if len(inputs) > 0 {
		r.Message = fmt.Sprintf("%d/%d exercises passed, %d/%d points", passed, len(inputs), r.Score, r.MaxScore)
		if tampered > 0 {
			r.Message += fmt.Sprintf("; %d tampered", tampered)
		}
		if errored > 0 {
			r.Message += fmt.Sprintf("; %d could not be run", errored)
		}
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
		if gt.TopLevel() {
			t.TestCode = in.TestCode[gt.Name]
		}
		switch gt.Status {
		case gotest.StatusPass:
			t.Status = string(Pass)
			er.Passed++
		case gotest.StatusSkip:
			t.Status = string(Error)
			t.Message = "skipped: " + strings.TrimSpace(gt.Output)
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
