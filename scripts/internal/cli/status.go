package cli

import (
	"context"
	"fmt"
	"strings"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/manifest"
)

// learnerTimeout bounds a learner's run: an infinite loop in a stub should
// not hang `workbook list` for go test's default ten minutes.
const learnerTimeout = "60s"

// testRun holds the results of running ./exercises/... in some chapters.
type testRun struct {
	pkgs map[string]*gotest.Package // by import path
	errs map[string]error           // by chapter name, when go test could not run
}

// runExercises runs `go test -json ./exercises/...` once per chapter module
// that has exercises.
func (a *App) runExercises(ctx context.Context, chapters []*exercise.Chapter, tags, timeout string) (*testRun, error) {
	run := &testRun{pkgs: map[string]*gotest.Package{}, errs: map[string]error{}}
	for _, ch := range chapters {
		if len(ch.Exercises) == 0 {
			continue
		}
		what := "tests"
		if tags != "" {
			what = "tests with -tags " + tags
		}
		a.progress("running %s in %s (%d exercises)…", what, ch.Name, len(ch.Exercises))
		rep, err := gotest.Run(ctx, gotest.Options{Dir: ch.Dir, Patterns: []string{"./exercises/..."}, Tags: tags, Timeout: timeout})
		if ctx.Err() != nil {
			a.progressDone()
			return nil, ctx.Err()
		}
		if err != nil {
			run.errs[ch.Name] = err
			continue
		}
		for path, pkg := range rep.Packages {
			run.pkgs[path] = pkg
		}
	}
	a.progressDone()
	return run, nil
}

// verdict evaluates one exercise of the run.
func (r *testRun) verdict(ex *exercise.Exercise) grade.Verdict {
	if err := r.errs[ex.Chapter]; err != nil {
		return grade.Verdict{Status: grade.Error, Detail: err.Error()}
	}
	return grade.Evaluate(r.pkgs[ex.ImportPath], nil)
}

// progressState is how far a learner is with an exercise.
type progressState int

const (
	notStarted progressState = iota
	failing
	skipped
	passed
)

type exerciseState struct {
	ex      *exercise.Exercise
	state   progressState
	verdict grade.Verdict
	// changes are graded files that differ from exercises.sum.
	changes []manifest.Change
}

// stateOf classifies an exercise. pristine says whether git reports its
// stub unchanged since the last commit.
func stateOf(ex *exercise.Exercise, v grade.Verdict, pristine bool) exerciseState {
	s := exerciseState{ex: ex, verdict: v}
	switch v.Status {
	case grade.Pass:
		s.state = passed
	case grade.Skipped:
		s.state = skipped
	default:
		if pristine || ex.StubUntouched() {
			s.state = notStarted
		} else {
			s.state = failing
		}
	}
	return s
}

// label is the status mark and word, coloured.
func (a *App) label(s exerciseState) (mark, word string) {
	st := a.out
	if len(s.changes) > 0 {
		mark, word = a.plainLabel(s)
		var names []string
		for _, c := range s.changes {
			names = append(names, c.Path[strings.LastIndex(c.Path, "/")+1:]+" "+string(c.Kind))
		}
		return mark, word + st.Yellow(" (but "+strings.Join(names, ", ")+": grading gives it 0; restore with git checkout)")
	}
	return a.plainLabel(s)
}

func (a *App) plainLabel(s exerciseState) (mark, word string) {
	st := a.out
	switch s.state {
	case passed:
		return st.Green("✓"), st.Green("passed")
	case skipped:
		return st.Yellow("!"), st.Yellow("skipped: a service it needs is not running")
	case notStarted:
		return st.Dim("·"), st.Dim("not started")
	}
	if s.verdict.Status == grade.Error {
		return st.Red("✗"), st.Red("failing: does not compile")
	}
	n := len(s.verdict.Failed)
	if n == 0 {
		return st.Red("✗"), st.Red("failing")
	}
	return st.Red("✗"), st.Red(fmt.Sprintf("failing: %d %s", n, plural(n, "test", "tests")))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// states runs the tests of chapters and returns each exercise's state.
func (a *App) states(ctx context.Context, chapters []*exercise.Chapter) ([]exerciseState, error) {
	run, err := a.runExercises(ctx, chapters, "", learnerTimeout)
	if err != nil {
		return nil, err
	}
	// Tell a learner who edited a test file that grading will not count
	// the exercise. Without exercises.sum there is nothing to compare.
	var changes *exerciseChanges
	if recorded, err := manifest.Read(a.ws.root); err == nil {
		changes, _ = changesByExercise(a.ws.root, chapters, recorded)
	}
	exs := exercise.All(chapters)
	pristine := exercise.PristineStubs(ctx, a.ws.root, exs)
	var out []exerciseState
	for _, ex := range exs {
		s := stateOf(ex, run.verdict(ex), pristine[ex.StubFile()])
		if changes != nil {
			s.changes = changes.byExercise[ex.RelDir]
		}
		out = append(out, s)
	}
	return out, nil
}
