package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/mutant"
	"workbook/scripts/internal/term"
)

// mutantThreshold is the share of compilable, non-equivalent mutants an
// exercise's tests must kill.
const mutantThreshold = 0.90

// defaultMutantSample is how many mutants per exercise `check` runs when not
// told otherwise: a deterministic sample, so that the repository's test
// command fits its time budget with thirty chapters. `check --mutants X`
// runs every mutant of one exercise.
const defaultMutantSample = 12

// mutantTarget describes an exercise for the mutant package: its reference
// files are every *_solution.go in the exercise directory.
func mutantTarget(ex *exercise.Exercise, chapterDir string) (mutant.Target, error) {
	entries, err := os.ReadDir(ex.Dir)
	if err != nil {
		return mutant.Target{}, err
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), "_solution.go") {
			files = append(files, e.Name())
		}
	}
	if len(files) == 0 {
		return mutant.Target{}, fmt.Errorf("%s has no *_solution.go file to mutate", ex.RelDir)
	}
	eq, err := mutant.ReadEquivalent(ex.Dir)
	if err != nil {
		return mutant.Target{}, fmt.Errorf("%s: %w", ex.RelDir, err)
	}
	return mutant.Target{
		ModuleDir:  chapterDir,
		Package:    "./exercises/" + ex.Name + "/",
		ImportPath: ex.ImportPath,
		Dir:        ex.Dir,
		Files:      files,
		Tags:       "solution",
		Equivalent: eq,
	}, nil
}

// mutantCheck runs the mutant check of one exercise and returns its table
// cell, defects and warnings.
func (a *App) mutantCheck(ctx context.Context, ex *exercise.Exercise, chapterDir string, sample int) (cell string, defects, warnings []string, err error) {
	st := a.out
	t, err := mutantTarget(ex, chapterDir)
	if err != nil {
		return st.Red("✗ error"), []string{err.Error()}, nil, nil
	}
	res, err := mutant.Run(ctx, t, mutant.Options{Sample: sample, Progress: func(done, total int) {
		a.progress("mutants of %s: %d/%d…", ex.ID(), done, total)
	}})
	a.progressDone()
	if err != nil {
		if ctx.Err() != nil {
			return "", nil, nil, ctx.Err()
		}
		return st.Red("✗ error"), []string{"mutant check: " + err.Error()}, nil, nil
	}
	if res.Skipped != "" {
		return st.Yellow("! skipped"), nil, []string{"mutant check skipped: the tests skip on the reference (" + res.Skipped + ")"}, nil
	}
	killed := res.Count(mutant.Killed) + res.Count(mutant.ListedKill)
	judged := killed + res.Count(mutant.Survived)
	score := fmt.Sprintf("%d/%d", killed, judged)
	// A key can match several mutants (the same edit twice in one
	// function); the list is stale only when none of them survives.
	survivingKey := map[string]bool{}
	for _, m := range res.Results {
		if m.Outcome == mutant.Equivalent {
			survivingKey[m.Key()] = true
			survivingKey[m.BaseKey()] = true
		}
	}
	for _, m := range res.Results {
		if m.Outcome == mutant.ListedKill && !survivingKey[m.Key()] && !survivingKey[m.BaseKey()] {
			warnings = append(warnings, fmt.Sprintf("%s is listed in %s but the tests kill it: remove the line", m.Key(), mutant.EquivalentFile))
		}
	}
	if res.Score() < mutantThreshold {
		var lines []string
		for _, s := range res.Survivors() {
			lines = append(lines, "      "+s.String()+"   (key: "+s.Key()+")")
		}
		defects = append(defects, fmt.Sprintf("the tests kill %s mutants of the reference (%.0f%%, need %.0f%%); these survive, each a wrong solution the tests accept (add a test case, or list a true equivalent in %s with the reason):\n%s",
			score, 100*res.Score(), 100*mutantThreshold, mutant.EquivalentFile, strings.Join(lines, "\n")))
		return st.Red("✗ " + score), defects, warnings, nil
	}
	for _, s := range res.Survivors() {
		warnings = append(warnings, "surviving mutant "+s.String())
	}
	return st.Green("✓ " + score), nil, warnings, nil
}

// cmdMutants is `check --mutants EXERCISE`: every mutant of one exercise,
// with each outcome.
func (a *App) cmdMutants(ctx context.Context, ws *loaded, query string, sample int) error {
	ex, err := exercise.Find(exercise.All(ws.chapters), query)
	if err != nil {
		return err
	}
	t, err := mutantTarget(ex, chapterDir(ws.chapters, ex))
	if err != nil {
		return err
	}
	st := a.out
	w := a.Stdout
	fmt.Fprintf(w, "%s mutants of %s (%s)\n", st.Cyan("▶"), st.Bold(ex.ID()), strings.Join(t.Files, ", "))
	res, err := mutant.Run(ctx, t, mutant.Options{Sample: sample, Progress: func(done, total int) {
		a.progress("mutant %d/%d…", done, total)
	}})
	a.progressDone()
	if err != nil {
		return err
	}
	if res.Skipped != "" {
		fmt.Fprintf(w, "%s the tests skip on the reference, so no mutant can be judged: %s\n", st.Yellow("!"), res.Skipped)
		return exitError{1}
	}
	writeMutantTable(w, st, res)
	if sv := res.Survivors(); len(sv) > 0 {
		fmt.Fprintf(w, "\nEach survivor is a wrong solution the tests accept: add the test case that rejects it. Only a true equivalent goes in %s, by its key:\n", mutant.EquivalentFile)
		for _, m := range sv {
			fmt.Fprintf(w, "  %s — <why no test can tell>\n", m.Key())
		}
	}
	killed := res.Count(mutant.Killed) + res.Count(mutant.ListedKill)
	judged := killed + res.Count(mutant.Survived)
	fmt.Fprintf(w, "\n%d mutants generated, %d run (reference tests took %s): %d killed, %d survived, %d equivalent (listed), %d did not compile (counted apart).\n",
		res.Total, len(res.Results), res.Baseline.Round(1e6), killed, res.Count(mutant.Survived), res.Count(mutant.Equivalent), res.Count(mutant.NoCompile))
	if res.Score() < mutantThreshold {
		fmt.Fprintf(w, "%s score %d/%d = %.0f%%, below %.0f%%: each survivor is a wrong solution the tests accept.\n", st.Red("✗"), killed, judged, 100*res.Score(), 100*mutantThreshold)
		return exitError{1}
	}
	fmt.Fprintf(w, "%s score %d/%d = %.0f%%\n", st.Green("✓"), killed, judged, 100*res.Score())
	return nil
}

func writeMutantTable(w io.Writer, st term.Style, res *mutant.Result) {
	rows := [][]string{{st.Bold("OUTCOME"), st.Bold("WHERE"), st.Bold("CHANGE"), st.Bold("BY")}}
	rs := append([]mutant.MutantResult(nil), res.Results...)
	order := map[mutant.Outcome]int{mutant.Survived: 0, mutant.ListedKill: 1, mutant.Equivalent: 2, mutant.Killed: 3, mutant.NoCompile: 4}
	sort.SliceStable(rs, func(i, j int) bool { return order[rs[i].Outcome] < order[rs[j].Outcome] })
	for _, m := range rs {
		var out string
		switch m.Outcome {
		case mutant.Survived:
			out = st.Red("✗ survived")
		case mutant.Killed, mutant.ListedKill:
			out = st.Green("✓ killed")
		case mutant.Equivalent:
			out = st.Yellow("= equivalent")
		default:
			out = st.Dim("· no compile")
		}
		rows = append(rows, []string{out, fmt.Sprintf("%s:%d", filepath.Base(m.File), m.Line), m.Original + " → " + m.Mutated, m.Reason})
	}
	term.Table(w, "", rows)
}
