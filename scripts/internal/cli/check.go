package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/manifest"
	"workbook/scripts/internal/term"
)

// checkTimeout bounds each package in check: reference solutions must be
// quick, and a stub must not hang.
const checkTimeout = "120s"

type checkRow struct {
	ex                                     *exercise.Exercise
	readme, stub, sol, files, sum, mutants string
	defects, warnings                      []string
}

// checkOptions tune `workbook check`.
type checkOptions struct {
	// mutantSample is the most mutants run per exercise (0: all); negative
	// turns the mutant check off.
	mutantSample int
}

func (a *App) cmdCheck(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("check", flag.ContinueOnError)
	one := fset.String("mutants", "", "run every mutant of this one `exercise` and show each outcome (instead of the whole check)")
	sample := fset.Int("mutant-sample", defaultMutantSample, "mutants run per exercise, a deterministic sample (0: all)")
	noMutants := fset.Bool("no-mutants", false, "skip the mutant check")
	ws, chapters, err := a.loadChapters(ctx, fset, args)
	if err != nil {
		return err
	}
	if *one != "" {
		n := *sample
		if !flagSet(fset, "mutant-sample") {
			n = 0
		}
		return a.cmdMutants(ctx, ws, *one, n)
	}
	opt := checkOptions{mutantSample: *sample}
	if *noMutants {
		opt.mutantSample = -1
	}
	names := make([]string, len(chapters))
	for i, ch := range chapters {
		names[i] = ch.Name
	}
	return a.inPristine(ctx, func(a *App) error {
		ws, err := a.load(ctx)
		if err != nil {
			return err
		}
		chapters, err := exercise.FindChapters(ws.chapters, names)
		if err != nil {
			return err
		}
		return a.check(ctx, ws, chapters, opt)
	})
}

// flagSet reports whether the named flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func (a *App) check(ctx context.Context, ws *loaded, chapters []*exercise.Chapter, opt checkOptions) error {
	st := a.out
	w := a.Stdout
	exs := exercise.All(chapters)
	if len(exs) == 0 {
		fmt.Fprintf(w, "No exercises in %s yet; nothing to check.\n", chapterNames(chapters))
		return nil
	}
	stubRun, err := a.runExercises(ctx, chapters, "", checkTimeout)
	if err != nil {
		return err
	}
	solRun, err := a.runExercises(ctx, chapters, "solution", checkTimeout)
	if err != nil {
		return err
	}
	sumProblems, sumGlobal := a.staleSums(ws, chapters)

	ok := func(s string) string { return st.Green("✓ " + s) }
	bad := func(s string) string { return st.Red("✗ " + s) }
	warn := func(s string) string { return st.Yellow("! " + s) }

	var rows []checkRow
	for _, ex := range exs {
		r := checkRow{ex: ex}
		// README
		if len(ex.ReadmeProblem) == 0 {
			r.readme = ok("ok")
		} else {
			r.readme = bad(fmt.Sprintf("%d %s", len(ex.ReadmeProblem), plural(len(ex.ReadmeProblem), "problem", "problems")))
			for _, p := range ex.ReadmeProblem {
				r.defects = append(r.defects, "README.md: "+p)
			}
		}
		// Build tags of the stub and the reference.
		fileDefects := checkFiles(ex)
		r.defects = append(r.defects, fileDefects...)
		if len(fileDefects) == 0 {
			r.files = ok("ok")
		} else {
			r.files = bad(fmt.Sprintf("%d %s", len(fileDefects), plural(len(fileDefects), "problem", "problems")))
		}
		// Against the stub the tests must run and fail.
		sv := stubRun.verdict(ex)
		switch sv.Status {
		case grade.Fail:
			r.stub = ok("fails")
			if pkg := stubRun.pkgs[ex.ImportPath]; pkg != nil {
				for _, t := range pkg.Tests {
					if t.TopLevel() && t.Status == gotest.StatusPass {
						r.warnings = append(r.warnings, t.Name+" passes against the stub; make every test function fail on it")
					}
				}
			}
		case grade.Pass:
			r.stub = bad("passes")
			r.defects = append(r.defects, "the tests pass against the stub: they must fail until the learner solves it")
		case grade.Skipped:
			r.stub = warn("skipped")
			r.warnings = append(r.warnings, "tests skipped against the stub (a service is missing?): "+firstLine(sv.Detail))
		case grade.Tampered:
			r.stub = bad("skips")
			r.defects = append(r.defects, "the stub makes the tests skip, which no stub may do: "+firstLine(sv.Detail))
		default:
			r.stub = bad("build failed")
			r.defects = append(r.defects, "the stub does not compile with its tests (it must compile, run and fail):\n"+indent(strings.Join(sv.FailureSummary(10), "\n"), "      "))
		}
		// With -tags solution the tests must pass.
		rv := solRun.verdict(ex)
		switch rv.Status {
		case grade.Pass:
			r.sol = ok("passes")
		case grade.Fail:
			r.sol = bad("fails")
			r.defects = append(r.defects, "the tests fail against the reference solution (-tags solution):\n"+indent(strings.Join(rv.FailureSummary(10), "\n"), "      "))
		case grade.Skipped:
			// A skip is only acceptable on the reference when it is testinfra
			// reporting a service this run does not require. Anything else
			// (a stray t.Skip, a required service) would let an exercise's
			// tests pass unproven.
			if svc := rv.NeedsService(); svc != "" && !serviceRequired(a.Getenv(requireServicesEnv), svc) {
				r.sol = warn("skipped")
				r.warnings = append(r.warnings, fmt.Sprintf("tests skipped against the solution: %s is not running, so this exercise is not proven (set %s=%s to make that an error): %s",
					svc, requireServicesEnv, svc, firstLine(rv.Detail)))
			} else {
				r.sol = bad("skipped")
				r.defects = append(r.defects, "tests skipped against the reference solution, and no missing service explains it: "+firstLine(rv.Detail))
			}
		case grade.Tampered:
			r.sol = bad("skips")
			r.defects = append(r.defects, "the reference makes the tests skip: "+firstLine(rv.Detail))
		default:
			r.sol = bad("build failed")
			r.defects = append(r.defects, "the reference solution does not compile (-tags solution):\n"+indent(strings.Join(rv.FailureSummary(10), "\n"), "      "))
		}
		// exercises.sum
		if ps := sumProblems[ex.RelDir]; len(ps) > 0 || sumGlobal != "" {
			r.sum = bad("stale")
			for _, p := range ps {
				r.defects = append(r.defects, "exercises.sum is stale: "+p+"; run: go run ./scripts/workbook sums")
			}
		} else {
			r.sum = ok("current")
		}
		// Mutants of the reference must fail the tests.
		switch {
		case opt.mutantSample < 0:
			r.mutants = st.Dim("· off")
		case rv.Status != grade.Pass:
			r.mutants = st.Dim("· n/a")
		default:
			cell, ds, wn, err := a.mutantCheck(ctx, ex, chapterDir(chapters, ex), opt.mutantSample)
			if err != nil {
				return err
			}
			r.mutants = cell
			r.defects = append(r.defects, ds...)
			r.warnings = append(r.warnings, wn...)
		}
		rows = append(rows, r)
	}

	table := [][]string{{st.Bold("EXERCISE"), st.Bold("README"), st.Bold("FILES"), st.Bold("STUB"), st.Bold("SOLUTION"), st.Bold("SUM"), st.Bold("MUTANTS")}}
	for _, r := range rows {
		table = append(table, []string{r.ex.ID(), r.readme, r.files, r.stub, r.sol, r.sum, r.mutants})
	}
	term.Table(w, "", table)

	defects, withDefects := 0, 0
	for _, r := range rows {
		if len(r.defects) == 0 && len(r.warnings) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", st.Bold(r.ex.ID()+" ("+r.ex.RelDir+")"))
		for _, d := range r.defects {
			fmt.Fprintf(w, "  %s %s\n", st.Red("✗"), d)
		}
		for _, wn := range r.warnings {
			fmt.Fprintf(w, "  %s %s\n", st.Yellow("!"), wn)
		}
		defects += len(r.defects)
		if len(r.defects) > 0 {
			withDefects++
		}
	}
	if sumGlobal != "" {
		fmt.Fprintf(w, "\n%s %s\n", st.Red("✗"), sumGlobal)
		defects++
	}
	fmt.Fprintln(w)
	if defects > 0 {
		fmt.Fprintf(w, "%s check found %d %s in %d of %d exercises.\n", st.Red("✗"), defects, plural(defects, "defect", "defects"), withDefects, len(rows))
		return exitError{1}
	}
	mutants := ""
	if opt.mutantSample >= 0 {
		mutants = fmt.Sprintf(", kill at least %.0f%% of their reference's mutants", 100*mutantThreshold)
		if opt.mutantSample > 0 {
			mutants += fmt.Sprintf(" (a sample of up to %d each)", opt.mutantSample)
		}
	}
	fmt.Fprintf(w, "%s all %d exercises fail on their stub, pass on their solution%s, and are well formed.\n", st.Green("✓"), len(rows), mutants)
	return nil
}

// requireServicesEnv is testinfra's variable naming the services whose
// absence fails a test instead of skipping it.
const requireServicesEnv = "WORKBOOK_REQUIRE_SERVICES"

// serviceRequired reports whether list (WORKBOOK_REQUIRE_SERVICES) names
// service, as testinfra reads it.
func serviceRequired(list, service string) bool {
	for _, s := range strings.Split(list, ",") {
		if s = strings.ToLower(strings.TrimSpace(s)); s == service || s == "all" {
			return true
		}
	}
	return false
}

func chapterDir(chapters []*exercise.Chapter, ex *exercise.Exercise) string {
	for _, ch := range chapters {
		if ch.Name == ex.Chapter {
			return ch.Dir
		}
	}
	return ""
}

// staleSums compares exercises.sum with the files of the given chapters.
// It returns problems per exercise RelDir, or a global problem when the
// file is missing or unreadable.
func (a *App) staleSums(ws *loaded, chapters []*exercise.Chapter) (map[string][]string, string) {
	recorded, err := manifest.Read(ws.root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, manifest.FileName + " is missing; run: go run ./scripts/workbook sums"
	}
	if err != nil {
		return nil, err.Error()
	}
	var dirs, chapterDirs []string
	for _, ch := range chapters {
		chapterDirs = append(chapterDirs, ch.Name+"/exercises")
		for _, ex := range ch.Exercises {
			dirs = append(dirs, ex.RelDir)
		}
	}
	actual, err := manifest.Compute(ws.root, dirs)
	if err != nil {
		return nil, err.Error()
	}
	out := map[string][]string{}
	global := ""
	for _, c := range manifest.Stale(recorded.Filter(chapterDirs), actual) {
		dir := manifest.ExerciseDir(c.Path)
		if contains(dirs, dir) {
			out[dir] = append(out[dir], c.String())
		} else {
			global = manifest.FileName + " lists files of exercises that no longer exist (" + c.Path + "); run: go run ./scripts/workbook sums"
		}
	}
	return out, global
}

// checkFiles checks that the stub and the reference exist and carry their
// build constraints.
func checkFiles(ex *exercise.Exercise) []string {
	if ex.Readme == nil || ex.Readme.File == "" {
		return []string{"cannot check the stub: the README names no File"}
	}
	stub := ex.Readme.File
	ref := strings.TrimSuffix(stub, ".go") + "_solution.go"
	var out []string
	for _, f := range []struct{ name, want string }{{stub, "//go:build !solution"}, {ref, "//go:build solution"}} {
		got, err := buildLine(filepath.Join(ex.Dir, f.name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, fmt.Sprintf("%s is missing (the README's File is %s)", f.name, stub))
		case err != nil:
			out = append(out, err.Error())
		case got != f.want:
			if got == "" {
				got = "no //go:build line"
			}
			out = append(out, fmt.Sprintf("%s must start with %q, has %q", f.name, f.want, got))
		}
	}
	return out
}

// buildLine returns the file's //go:build line (before the package
// clause), or "".
func buildLine(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "//go:build") {
			return line, nil
		}
		if strings.HasPrefix(line, "package ") {
			break
		}
	}
	return "", sc.Err()
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
