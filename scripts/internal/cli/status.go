package cli

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/manifest"
	"workbook/scripts/internal/resultcache"
)

// learnerTimeout bounds a learner's run: an infinite loop in a stub should
// not hang `workbook list` for go test's default ten minutes.
const learnerTimeout = "60s"

// testRun holds the results of running ./exercises/... in some chapters.
type testRun struct {
	pkgs map[string]*gotest.Package // by import path
	errs map[string]error           // by chapter name, when go test could not run
	// cached are the import paths answered from the result cache; the
	// others in pkgs were run.
	cached map[string]bool
}

// runOption is an optional setting of runExercises.
type runOption int

const (
	// useResultCache lets runExercises answer from the result cache for
	// exercises whose inputs did not change (see package resultcache).
	// Only the learner's commands (list, next, verify) pass it: grade and
	// check always run every test. WORKBOOK_NO_CACHE=1 turns it off.
	useResultCache runOption = iota + 1
)

// goTestRunner runs go test; gotest.Run, or a fake in tests.
type goTestRunner func(context.Context, gotest.Options) (*gotest.Report, error)

// resultCache is the cache as one run uses it.
type resultCache struct {
	store *resultcache.Store
	keys  *resultcache.Keyer
}

// runExercises runs `go test -json ./exercises/...` once per chapter module
// that has exercises. With useResultCache it first looks every exercise up
// in the result cache and runs, in one go test per chapter, only the
// packages that missed (`./exercises/3-x/ ./exercises/5-y/`).
func (a *App) runExercises(ctx context.Context, chapters []*exercise.Chapter, tags, timeout string, opts ...runOption) (*testRun, error) {
	var cache *resultCache
	if slices.Contains(opts, useResultCache) {
		cache = a.openResultCache(ctx, tags, timeout)
	}
	return a.runExercisesWith(ctx, gotest.Run, cache, chapters, tags, timeout)
}

// openResultCache returns the workspace's result cache, or nil (run
// everything) when it is turned off or cannot be used.
func (a *App) openResultCache(ctx context.Context, tags, timeout string) *resultCache {
	if v := a.Getenv("WORKBOOK_NO_CACHE"); v != "" && v != "0" {
		return nil
	}
	if a.ws == nil {
		return nil
	}
	store, err := resultcache.Open(a.ws.root, a.Getenv("WORKBOOK_CACHE_DIR"))
	if err != nil {
		return nil
	}
	keys, err := resultcache.NewKeyer(ctx, resultcache.Config{
		Root: a.ws.root, Modules: a.ws.modules, Tags: tags, Timeout: timeout, Environ: os.Environ(),
		ServicesImport: "workbook/testinfra",
	})
	if err != nil {
		return nil
	}
	return &resultCache{store: store, keys: keys}
}

// runExercisesWith is runExercises with the go test runner and the cache
// (nil: run everything) given.
func (a *App) runExercisesWith(ctx context.Context, runGoTest goTestRunner, cache *resultCache, chapters []*exercise.Chapter, tags, timeout string) (*testRun, error) {
	run := &testRun{pkgs: map[string]*gotest.Package{}, errs: map[string]error{}, cached: map[string]bool{}}
	for _, ch := range chapters {
		if len(ch.Exercises) == 0 {
			continue
		}
		patterns := []string{"./exercises/..."}
		todo := ch.Exercises
		keys := map[string]string{} // import path → key, for the packages run
		if cache != nil {
			todo = nil
			for _, ex := range ch.Exercises {
				key, err := cache.keys.Key(ex.Dir)
				if err != nil {
					todo = append(todo, ex)
					continue
				}
				if pkg, ok := cache.store.Get(key); ok && pkg.ImportPath == ex.ImportPath {
					run.pkgs[ex.ImportPath] = pkg
					run.cached[ex.ImportPath] = true
					continue
				}
				keys[ex.ImportPath] = key
				todo = append(todo, ex)
			}
			if len(todo) == 0 {
				continue
			}
			if len(todo) < len(ch.Exercises) {
				patterns = nil
				for _, ex := range todo {
					patterns = append(patterns, "./exercises/"+ex.Name+"/")
				}
			}
		}
		what := "tests"
		if tags != "" {
			what = "tests with -tags " + tags
		}
		if len(todo) < len(ch.Exercises) {
			a.progress("running %s in %s (%d of %d exercises changed)…", what, ch.Name, len(todo), len(ch.Exercises))
		} else {
			a.progress("running %s in %s (%d exercises)…", what, ch.Name, len(ch.Exercises))
		}
		rep, err := runGoTest(ctx, gotest.Options{Dir: ch.Dir, Patterns: patterns, Tags: tags, Timeout: timeout})
		if ctx.Err() != nil {
			a.progressDone()
			return nil, ctx.Err()
		}
		if err != nil {
			run.errs[ch.Name] = err
			continue
		}
		// Store what was run under the key of the files as they are now: a
		// file saved while go test ran makes the result belong to neither.
		var after *resultcache.Keyer
		for path, pkg := range rep.Packages {
			run.pkgs[path] = pkg
			if cache == nil || keys[path] == "" || !resultcache.Cacheable(pkg, true) {
				continue
			}
			if after == nil {
				after = cache.keys.Fresh()
			}
			for _, ex := range todo {
				if ex.ImportPath != path {
					continue
				}
				if key, err := after.Key(ex.Dir); err == nil && key == keys[path] {
					_ = cache.store.Put(key, pkg, after.UsesServices(ex.Dir))
				}
			}
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
	skipped  // some test skipped: a service is missing; not passed
	tampered // a skip came from outside the tests (grade.Verdict.JudgeSkips)
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
	case grade.Tampered:
		s.state = tampered
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
		var names, fixes []string
		for _, c := range s.changes {
			kind := string(c.Kind)
			if c.Kind == manifest.Extra {
				kind = "added"
			}
			names = append(names, c.Path[strings.LastIndex(c.Path, "/")+1:]+" "+kind)
			fixes = append(fixes, c.Fix())
		}
		return mark, word + st.Yellow(" (but "+strings.Join(names, ", ")+": grading gives it 0; undo with: "+strings.Join(fixes, "; ")+")")
	}
	return a.plainLabel(s)
}

func (a *App) plainLabel(s exerciseState) (mark, word string) {
	st := a.out
	switch s.state {
	case passed:
		return st.Green("✓"), st.Green("passed")
	case skipped:
		return st.Yellow("!"), st.Yellow("skipped — " + s.verdict.SkipReason())
	case tampered:
		return st.Yellow("!"), st.Yellow("tampered: " + firstLine(s.verdict.Detail))
	case notStarted:
		return st.Dim("·"), st.Dim("not started" + skipNote(s.verdict))
	}
	if s.verdict.Status == grade.Error {
		return st.Red("✗"), st.Red("failing: does not compile")
	}
	n := len(s.verdict.Failed)
	if n == 0 {
		return st.Red("✗"), st.Red("failing" + skipNote(s.verdict))
	}
	return st.Red("✗"), st.Red(fmt.Sprintf("failing: %d %s", n, plural(n, "test", "tests")) + skipNote(s.verdict))
}

// skipNote is " (4 skipped — needs PostgreSQL)" when tests skipped beside
// the failures, or "".
func skipNote(v grade.Verdict) string {
	if len(v.Skips) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d skipped — %s)", len(v.Skips), v.SkipReason())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// states runs the tests of chapters and returns each exercise's state.
func (a *App) states(ctx context.Context, chapters []*exercise.Chapter) ([]exerciseState, error) {
	run, err := a.runExercises(ctx, chapters, "", learnerTimeout, useResultCache)
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
		v := run.verdict(ex)
		if v.Status == grade.Skipped {
			// A skip that neither testinfra nor the tests can make was
			// injected by the code under test.
			testsSkip, err := grade.TestsCallSkip(ex.Dir)
			v = v.JudgeSkips(testsSkip || err != nil)
		}
		s := stateOf(ex, v, pristine[ex.StubFile()])
		if changes != nil {
			s.changes = changes.byExercise[ex.RelDir]
		}
		out = append(out, s)
	}
	return out, nil
}
