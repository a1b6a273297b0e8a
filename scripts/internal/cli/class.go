package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"workbook/scripts/internal/class"
	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/manifest"
	"workbook/scripts/internal/term"
)

// `workbook grade --class DIR` grades every clone in DIR the way `grade`
// grades one checkout, and lays the results side by side.

const classUsage = "grade --class DIR [--out DIR] [--jobs N] [--timeout 60s] [chapter…]"

// hasClassFlag reports whether a grade command line asks for a class
// report (cmdGrade hands those to cmdGradeClass).
func hasClassFlag(args []string) bool {
	for _, arg := range args {
		if arg == "--" {
			return false
		}
		name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if strings.HasPrefix(arg, "-") && name == "class" {
			return true
		}
	}
	return false
}

// defaultJobs is how many clones are graded at once: go test already runs
// a chapter's packages in parallel, so more than two rarely helps.
func defaultJobs() int {
	return min(2, runtime.NumCPU())
}

func (a *App) cmdGradeClass(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("grade --class", flag.ContinueOnError)
	classDir := fset.String("class", "", "grade every clone of the workbook in `DIR` (one learner per subdirectory)")
	outDir := fset.String("out", "", "write the report into `DIR` (default: the class directory's path + \"-report\")")
	jobs := fset.Int("jobs", defaultJobs(), "grade `N` clones at once")
	timeout := fset.String("timeout", "60s", "go test -timeout per package")
	pos, err := parseFlags(fset, args)
	if err != nil {
		return err
	}
	if *classDir == "" {
		return usageError{"--class needs a directory of clones; usage: workbook " + classUsage}
	}
	if *jobs < 1 {
		return usageError{fmt.Sprintf("--jobs must be at least 1, got %d", *jobs)}
	}
	if d, err := time.ParseDuration(*timeout); err != nil || d <= 0 {
		return usageError{fmt.Sprintf("--timeout wants a duration such as 60s or 5m, got %q", *timeout)}
	}
	dir, err := filepath.Abs(*classDir)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usageError{fmt.Sprintf("--class %s is not a directory", *classDir)}
	}
	out := dir + "-report"
	if *outDir != "" {
		if out, err = filepath.Abs(*outDir); err != nil {
			return err
		}
	}

	names, err := listClones(dir, out)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return usageError{fmt.Sprintf("%s has no subdirectories: put one clone of the workbook per learner in it", *classDir)}
	}

	// The instructor's checkout: its exercises are the columns, its READMEs
	// give the points, and its exercises.sum is checked in every clone.
	ws, err := a.load(ctx)
	if err != nil {
		return err
	}
	chapters, err := exercise.FindChapters(ws.chapters, pos)
	if err != nil {
		return err
	}
	instSum, err := manifest.Read(ws.root)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is missing at %s (the checkout you grade from), so changed test files cannot be detected; run: go run ./scripts/workbook sums", manifest.FileName, ws.root)
	}
	if err != nil {
		return err
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}

	var columns []class.Column
	for _, ex := range exercise.All(chapters) {
		columns = append(columns, class.Column{ID: ex.ID(), Chapter: ex.Chapter, Exercise: ex.Name, Title: ex.Title(), MaxPoints: ex.Points()})
	}

	graded := make([]class.Graded, len(names))
	sem := make(chan struct{}, *jobs)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	start := time.Now()
	a.progress("grading %d clones, %d at a time…", len(names), *jobs)
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			g := a.gradeClone(ctx, name, filepath.Join(dir, name), chapters, instSum, *timeout)
			mu.Lock()
			defer mu.Unlock()
			graded[i] = g
			done++
			a.progress("graded %d/%d clones (%s in %.1fs)…", done, len(names), name, g.Duration.Seconds())
		}()
	}
	wg.Wait()
	a.progressDone()
	if ctx.Err() != nil {
		return ctx.Err()
	}

	for _, g := range graded {
		if err := writeLearnerFiles(filepath.Join(out, g.Name), g); err != nil {
			return err
		}
	}
	report := class.Build(dir, ws.root, columns, graded, time.Now())
	paths, err := report.WriteFiles(out)
	if err != nil {
		return err
	}
	a.printClass(report)
	fmt.Fprintf(a.Stdout, "Graded %d clones in %.1fs (%d at a time).\n", len(names), time.Since(start).Seconds(), *jobs)
	for _, p := range paths {
		fmt.Fprintf(a.Stdout, "Wrote %s\n", p)
	}
	fmt.Fprintf(a.Stdout, "Wrote %s/<learner>/results.json and junit.xml\n", out)
	return nil
}

// listClones returns the names of DIR's subdirectories, one learner each,
// sorted; hidden directories and the report's own directory are left out.
// A subdirectory that is not a clone becomes a row with an error, so a
// misplaced folder is seen rather than silently dropped.
func listClones(dir, out string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() || p == out {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, nil
}

// gradeClone grades one learner's clone. It never fails: what stops the
// grading is the Graded's Err, shown as that learner's row.
func (a *App) gradeClone(ctx context.Context, name, dir string, chapters []*exercise.Chapter, instSum manifest.Manifest, timeout string) class.Graded {
	start := time.Now()
	g := class.Graded{Name: name, Dir: dir, Notes: []string{}}
	res, err := a.gradeCloneResults(ctx, dir, chapters, instSum, timeout, &g)
	g.Duration = time.Since(start)
	if err != nil {
		g.Err = err
		g.Results = &grade.Results{Version: grade.Version, Status: string(grade.Error), Message: err.Error(), Tests: []grade.TestResult{}, Exercises: []grade.ExerciseResult{}}
		return g
	}
	g.Results = res
	return g
}

func (a *App) gradeCloneResults(ctx context.Context, dir string, chapters []*exercise.Chapter, instSum manifest.Manifest, timeout string, g *class.Graded) (*grade.Results, error) {
	// FindRoot would walk up past a clone without go.work, possibly into the
	// instructor's own checkout; insist on the clone's.
	if fi, err := os.Stat(filepath.Join(dir, "go.work")); err != nil || fi.IsDir() {
		return nil, errors.New("not a clone of the workbook: no go.work in it")
	}
	sub := &App{Dir: dir, Stdout: io.Discard, Stderr: io.Discard, Getenv: a.Getenv}
	ws, err := sub.load(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range ws.modules {
		if rel, err := filepath.Rel(ws.root, m.Dir); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("go.work uses %s, outside the clone (is GOWORK set, or does go.work point at another checkout?)", m.Dir)
		}
	}

	// The clone's chapters that the instructor grades, and their exercises
	// by ID.
	wanted := map[string]bool{}
	for _, ch := range chapters {
		wanted[ch.Name] = true
	}
	var mine []*exercise.Chapter
	byID := map[string]*exercise.Exercise{}
	var extra []string
	instIDs := map[string]bool{}
	for _, ex := range exercise.All(chapters) {
		instIDs[ex.ID()] = true
	}
	for _, ch := range ws.chapters {
		if !wanted[ch.Name] {
			continue
		}
		mine = append(mine, ch)
		for _, ex := range ch.Exercises {
			byID[ex.ID()] = ex
			if !instIDs[ex.ID()] {
				extra = append(extra, ex.ID())
			}
		}
	}
	if len(extra) > 0 {
		g.Notes = append(g.Notes, "not graded, not in the instructor's checkout: "+strings.Join(extra, ", "))
	}

	// Tamper detection against both sums: the clone's own, and the
	// instructor's, because a learner can edit their exercises.sum too.
	var chapterDirs []string
	for _, ch := range chapters {
		chapterDirs = append(chapterDirs, ch.Name+"/exercises")
	}
	learnerSum, err := manifest.Read(ws.root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		g.Notes = append(g.Notes, manifest.FileName+" is missing from the clone: checked against the instructor's only")
	case err != nil:
		g.Notes = append(g.Notes, fmt.Sprintf("%s of the clone is unreadable (%v): checked against the instructor's only", manifest.FileName, err))
		learnerSum = nil
	}
	mineChanges := &exerciseChanges{byExercise: map[string][]manifest.Change{}}
	if learnerSum != nil {
		if mineChanges, err = changesByExercise(ws.root, mine, learnerSum); err != nil {
			return nil, err
		}
		if d := manifest.Diff(instSum.Filter(chapterDirs), learnerSum.Filter(chapterDirs)); len(d) > 0 {
			g.Notes = append(g.Notes, fmt.Sprintf("the clone's %s differs from the instructor's in %d %s (edited, or a clone of another version of the workbook)", manifest.FileName, len(d), plural(len(d), "entry", "entries")))
		}
	}
	instChanges, err := changesByExercise(ws.root, mine, instSum)
	if err != nil {
		return nil, err
	}
	merged, against := mergeChanges(mineChanges.byExercise, instChanges.byExercise)
	g.Against = against

	run, err := sub.runExercises(ctx, mine, "", timeout)
	if err != nil {
		return nil, err
	}
	for _, ch := range sortedKeys(run.errs) {
		g.Notes = append(g.Notes, fmt.Sprintf("the tests of %s could not be run: %s", ch, headLine(run.errs[ch].Error())))
	}

	// The same inputs `grade` builds, in the instructor's exercise order,
	// with the instructor's titles and points.
	var inputs []grade.Input
	for _, inst := range exercise.All(chapters) {
		ex, ok := byID[inst.ID()]
		if !ok {
			cp := *inst
			inputs = append(inputs, grade.Input{Exercise: &cp, RunErr: fmt.Errorf("%s is not in this clone", inst.RelDir)})
			continue
		}
		cp := *inst
		cp.Dir = ex.Dir
		in, err := gradeInput(&cp, run, merged[ex.RelDir])
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	res := grade.Score(inputs)
	res.Warnings = append(res.Warnings, orphanWarnings(mineChanges.orphans)...)
	return res, nil
}

// mergeChanges unions the changes found against the learner's and the
// instructor's sums, per exercise, and says which sum showed each path.
func mergeChanges(learner, instructor map[string][]manifest.Change) (map[string][]manifest.Change, map[string]string) {
	merged := map[string][]manifest.Change{}
	against := map[string]string{}
	for dir, cs := range learner {
		for _, c := range cs {
			merged[dir] = append(merged[dir], c)
			against[c.Path] = class.AgainstLearner
		}
	}
	for dir, cs := range instructor {
		for _, c := range cs {
			if _, ok := against[c.Path]; ok {
				against[c.Path] = class.AgainstBoth
				continue
			}
			merged[dir] = append(merged[dir], c)
			against[c.Path] = class.AgainstInstructor
		}
	}
	for dir := range merged {
		sort.Slice(merged[dir], func(i, j int) bool { return merged[dir][i].Path < merged[dir][j].Path })
	}
	return merged, against
}

func writeLearnerFiles(dir string, g class.Graded) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := g.Results.WriteJSON(filepath.Join(dir, "results.json")); err != nil {
		return err
	}
	return g.Results.WriteJUnit(filepath.Join(dir, "junit.xml"))
}

func (a *App) printClass(r *class.Report) {
	st := a.out
	rows := [][]string{{st.Bold("LEARNER"), st.Bold("SCORE"), st.Bold("PASSED"), st.Bold("PROGRESS"), st.Bold("TAMPERED"), st.Bold("TIME"), st.Bold("NOTE")}}
	for _, l := range r.Learners {
		note := ""
		switch {
		case l.Error != "":
			note = st.Red("✗ " + headLine(l.Error))
		case len(l.Notes) > 0:
			note = st.Yellow("! " + l.Notes[0])
			if len(l.Notes) > 1 {
				note += st.Yellow(fmt.Sprintf(" (+%d more)", len(l.Notes)-1))
			}
		}
		tampered := ""
		if l.Tampered > 0 {
			tampered = st.Yellow(fmt.Sprintf("! %d", l.Tampered))
		}
		rows = append(rows, []string{
			l.Name,
			fmt.Sprintf("%d/%d %5.1f%%", l.Score, l.MaxScore, l.Percent),
			fmt.Sprintf("%d/%d", l.Passed, l.Exercises),
			term.Bar(l.Passed, l.Exercises, barWidth),
			tampered,
			fmt.Sprintf("%.1fs", l.Seconds),
			note,
		})
	}
	term.Table(a.Stdout, "", rows)
	graded := 0
	for _, l := range r.Learners {
		if l.Error == "" {
			graded++
		}
	}
	fmt.Fprintf(a.Stdout, "\nClass average: %.1f%% over %d graded %s (%d points to earn)\n", r.Average(), graded, plural(graded, "clone", "clones"), totalPoints(r.Columns))
}

func totalPoints(cols []class.Column) int {
	n := 0
	for _, c := range cols {
		n += c.MaxPoints
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func headLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
