package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/manifest"
	"workbook/scripts/internal/term"
)

func (a *App) cmdGrade(ctx context.Context, args []string) error {
	if hasClassFlag(args) {
		return a.cmdGradeClass(ctx, args) // class.go
	}
	fset := flag.NewFlagSet("grade", flag.ContinueOnError)
	jsonOut := fset.String("json", "", "write results (exercism results.json v3 style) to `FILE`")
	junitOut := fset.String("junit", "", "write JUnit XML to `FILE`")
	timeout := fset.String("timeout", "60s", "go test -timeout per package")
	ws, chapters, err := a.loadChapters(ctx, fset, args)
	if err != nil {
		return err
	}
	exs := exercise.All(chapters)

	recorded, err := manifest.Read(ws.root)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is missing at %s, so changed test files cannot be detected.\nRestore it from the original checkout (git checkout -- %s) or, on a pristine checkout, run: go run ./scripts/workbook sums", manifest.FileName, ws.root, manifest.FileName)
	}
	if err != nil {
		return err
	}
	changes, err := changesByExercise(ws.root, chapters, recorded)
	if err != nil {
		return err
	}

	run, err := a.runExercises(ctx, chapters, "", *timeout)
	if err != nil {
		return err
	}
	var inputs []grade.Input
	for _, ex := range exs {
		in, err := gradeInput(ex, run, changes.byExercise[ex.RelDir])
		if err != nil {
			return err
		}
		inputs = append(inputs, in)
	}
	res := grade.Score(inputs)
	res.Warnings = append(res.Warnings, orphanWarnings(changes.orphans)...)
	a.printScoreboard(res, changes.orphans)

	if *jsonOut != "" {
		if err := res.WriteJSON(*jsonOut); err != nil {
			return err
		}
		fmt.Fprintf(a.Stdout, "Wrote %s\n", *jsonOut)
	}
	if *junitOut != "" {
		if err := res.WriteJUnit(*junitOut); err != nil {
			return err
		}
		fmt.Fprintf(a.Stdout, "Wrote %s\n", *junitOut)
	}
	if res.Status == string(grade.Error) && len(run.errs) > 0 {
		for ch, err := range run.errs {
			fmt.Fprintf(a.Stderr, "%s could not run the tests of %s: %v\n", a.errs.Red("workbook grade:"), ch, err)
		}
		return exitError{2}
	}
	return nil
}

type exerciseChanges struct {
	byExercise map[string][]manifest.Change // by exercise RelDir
	orphans    []manifest.Change            // in chapters graded, but no such exercise
}

// changesByExercise compares exercises.sum with the files on disk, for the
// given chapters.
func changesByExercise(root string, chapters []*exercise.Chapter, recorded manifest.Manifest) (*exerciseChanges, error) {
	var dirs, chapterDirs []string
	for _, ch := range chapters {
		chapterDirs = append(chapterDirs, ch.Name+"/exercises")
		for _, ex := range ch.Exercises {
			dirs = append(dirs, ex.RelDir)
		}
	}
	actual, err := manifest.Compute(root, dirs)
	if err != nil {
		return nil, err
	}
	out := &exerciseChanges{byExercise: map[string][]manifest.Change{}}
	for _, c := range manifest.Diff(recorded.Filter(chapterDirs), actual) {
		dir := manifest.ExerciseDir(c.Path)
		if contains(dirs, dir) {
			out.byExercise[dir] = append(out.byExercise[dir], c)
		} else {
			out.orphans = append(out.orphans, c)
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (a *App) printScoreboard(res *grade.Results, orphans []manifest.Change) {
	st := a.out
	w := a.Stdout
	rows := [][]string{{st.Bold("CHAPTER"), st.Bold("EXERCISE"), st.Bold("STATUS"), st.Bold("POINTS"), st.Bold("TESTS"), st.Bold("TAMPERED")}}
	passed := 0
	for _, ex := range res.Exercises {
		var status string
		switch ex.Status {
		case grade.Pass:
			status = st.Green("✓ pass")
			passed++
		case grade.Tampered:
			status = st.Yellow("! tampered")
		case grade.Skipped:
			status = st.Yellow("! skipped — " + ex.Verdict.SkipReason())
		case grade.Error:
			status = st.Red("✗ error")
		default:
			status = st.Red("✗ fail")
		}
		rows = append(rows, []string{
			ex.Chapter, ex.Exercise, status,
			fmt.Sprintf("%d/%d", ex.Points, ex.MaxPoints),
			fmt.Sprintf("%d/%d", ex.Passed, ex.Total),
			strings.Join(tamperNames(ex), ", "),
		})
	}
	term.Table(w, "", rows)
	fmt.Fprintln(w)
	for _, c := range orphans {
		fmt.Fprintf(w, "%s %s\n", st.Yellow("!"), c.String())
	}
	// Skipped exercises earn nothing: say which service to start.
	held := map[string]int{}
	var order []string
	for _, ex := range res.Exercises {
		if ex.Status != grade.Skipped {
			continue
		}
		for _, name := range ex.NeedsServices {
			if held[name] == 0 {
				order = append(order, name)
			}
			held[name]++
		}
	}
	for _, name := range order {
		fmt.Fprintln(w, a.startHint(name, held[name], "skipped and scored 0"))
	}
	fmt.Fprintf(w, "%s %d/%d points · %d/%d exercises passed %s\n",
		st.Bold("Score:"), res.Score, res.MaxScore, passed, len(res.Exercises), term.Bar(passed, len(res.Exercises), barWidth))
}

// tamperNames lists an exercise's changed files by name and kind, e.g.
// "add_test.go (modified)"; the full paths are in the JSON.
func tamperNames(ex grade.ExerciseResult) []string {
	var out []string
	for _, c := range ex.Changes {
		out = append(out, c.Path[strings.LastIndex(c.Path, "/")+1:]+" ("+string(c.Kind)+")")
	}
	if len(out) == 0 && ex.Status == grade.Tampered {
		// Tampered by its test run: a skip the tests did not make.
		where := ""
		for _, s := range ex.Verdict.Skips {
			if s.File != "" && !s.FromTestFile() {
				where = " from " + s.Where()
				break
			}
		}
		out = append(out, "injected skip"+where)
	}
	return out
}

func (a *App) cmdSums(ctx context.Context, args []string) error {
	if err := noArgs("sums", args); err != nil {
		return err
	}
	ws, err := a.load(ctx)
	if err != nil {
		return err
	}
	m, err := computeManifest(ws)
	if err != nil {
		return err
	}
	old, _ := manifest.Read(ws.root)
	if err := manifest.Write(ws.root, m); err != nil {
		return err
	}
	note := "new file"
	if old != nil {
		note = fmt.Sprintf("%d %s changed since the last version", len(manifest.Stale(old, m)), plural(len(manifest.Stale(old, m)), "entry", "entries"))
	}
	fmt.Fprintf(a.Stdout, "%s wrote %s: %d files from %d exercises (%s)\n",
		a.out.Green("✓"), manifest.FileName, len(m), len(exercise.All(ws.chapters)), note)
	return nil
}

func computeManifest(ws *loaded) (manifest.Manifest, error) {
	var dirs []string
	for _, ex := range exercise.All(ws.chapters) {
		dirs = append(dirs, ex.RelDir)
	}
	return manifest.Compute(ws.root, dirs)
}

// gradeInput is what grade.Score needs of one exercise: its tests' code and
// names, its package's run and the graded files that changed.
func gradeInput(ex *exercise.Exercise, run *testRun, changes []manifest.Change) (grade.Input, error) {
	code, err := ex.TestCode()
	if err != nil {
		return grade.Input{}, fmt.Errorf("reading the tests of %s: %w", ex.ID(), err)
	}
	return grade.Input{
		Exercise: ex,
		Package:  run.pkgs[ex.ImportPath],
		RunErr:   run.errs[ex.Chapter],
		Expected: slices.Sorted(maps.Keys(code)),
		TestCode: code,
		Changes:  changes,
	}, nil
}

// orphanWarnings reports graded files whose exercise no longer exists.
func orphanWarnings(orphans []manifest.Change) []string {
	if len(orphans) == 0 {
		return nil
	}
	var paths []string
	for _, c := range orphans {
		paths = append(paths, c.String())
	}
	return []string{"graded files of exercises that no longer exist: " + strings.Join(paths, ", ")}
}
