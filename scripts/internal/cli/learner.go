package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/term"
)

const barWidth = 10

func (a *App) cmdList(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	_, chapters, err := a.loadChapters(ctx, fs, args)
	if err != nil {
		return err
	}
	states, err := a.states(ctx, chapters)
	if err != nil {
		return err
	}
	st := a.out
	nameWidth := len("Overall")
	for _, ch := range chapters {
		nameWidth = max(nameWidth, len(ch.Name))
	}
	byChapter := map[string][]exerciseState{}
	done, total := 0, 0
	for _, s := range states {
		byChapter[s.ex.Chapter] = append(byChapter[s.ex.Chapter], s)
		total++
		if s.state == passed {
			done++
		}
	}
	w := a.Stdout
	for _, ch := range chapters {
		ss := byChapter[ch.Name]
		if len(ss) == 0 {
			fmt.Fprintf(w, "%s  %s\n", term.Pad(st.Bold(ch.Name), nameWidth), st.Dim("no exercises yet"))
			continue
		}
		n := 0
		for _, s := range ss {
			if s.state == passed {
				n++
			}
		}
		fmt.Fprintf(w, "%s  %s\n", term.Pad(st.Bold(ch.Name), nameWidth), term.Bar(n, len(ss), barWidth))
		var rows [][]string
		for _, s := range ss {
			mark, word := a.label(s)
			rows = append(rows, []string{mark, s.ex.Name, s.ex.Title(), word})
		}
		term.Table(w, "  ", rows)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%s  %s exercises\n", term.Pad(st.Bold("Overall"), nameWidth), term.Bar(done, total, barWidth))
	switch {
	case total == 0:
		fmt.Fprintln(w, "No exercises found yet.")
	case done == total:
		fmt.Fprintln(w, st.Green("Every exercise passes. Well done!"))
	default:
		a.printStartHints(states)
		fmt.Fprintf(w, "Next: %s\n", st.Cyan("go run ./scripts/workbook next"))
	}
	return nil
}

// printStartHints says, once per missing service, how many exercises it
// holds back and how to start it.
func (a *App) printStartHints(states []exerciseState) {
	var order []string
	held := map[string]int{}
	for _, s := range states {
		if s.state == passed {
			continue
		}
		for _, name := range s.verdict.NeedsServices() {
			if held[name] == 0 {
				order = append(order, name)
			}
			held[name]++
		}
	}
	for _, name := range order {
		fmt.Fprintln(a.Stdout, a.startHint(name, held[name], "cannot pass"))
	}
}

// startHint is "! PostgreSQL is not reachable from the tests, so 3
// exercises cannot pass. Start it: `docker compose up -d postgres`, or set
// WORKBOOK_POSTGRES_URL=…".
func (a *App) startHint(service string, n int, what string) string {
	svc, ok := grade.LookupService(service)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s %s is not reachable from the tests, so %d %s %s. Start it: %s",
		a.out.Yellow("!"), svc.Title, n, plural(n, "exercise", "exercises"), what, svc.StartHint())
}

func (a *App) cmdNext(ctx context.Context, args []string) error {
	if err := noArgs("next", args); err != nil {
		return err
	}
	ws, err := a.load(ctx)
	if err != nil {
		return err
	}
	st := a.out
	w := a.Stdout
	// Run chapter by chapter and stop at the first unfinished exercise, so
	// a learner on chapter 1 does not wait for chapter 12's tests.
	for _, ch := range ws.chapters {
		states, err := a.states(ctx, []*exercise.Chapter{ch})
		if err != nil {
			return err
		}
		for _, s := range states {
			if s.state == passed {
				continue
			}
			ex := s.ex
			mark, word := a.label(s)
			fmt.Fprintf(w, "%s %s  %s\n", st.Bold("Next up:"), st.Bold(ex.ID()), st.Dim("(")+mark+" "+word+st.Dim(")"))
			fmt.Fprintf(w, "%s\n\n", st.Bold(ex.Title()))
			rows := [][]string{{"Difficulty", difficulty(ex)}}
			if f := ex.StubFile(); f != "" {
				rows = append(rows, []string{"Edit", st.Cyan(f)})
			}
			rows = append(rows,
				[]string{"Test", st.Cyan(ex.TestCommand())},
				[]string{"Watch", st.Cyan("go run ./scripts/workbook watch " + ex.Chapter)},
				[]string{"Stuck?", st.Cyan("go run ./scripts/workbook hint " + ex.Name)},
			)
			term.Table(w, "", rows)
			if ex.Readme != nil && ex.Readme.Task != "" {
				fmt.Fprintf(w, "\n%s\n%s\n", st.Bold("Task"), ex.Readme.Task)
			}
			if ex.Readme != nil && ex.Readme.Acceptance != "" {
				fmt.Fprintf(w, "\n%s\n%s\n", st.Bold("Acceptance"), ex.Readme.Acceptance)
			}
			switch s.state {
			case failing:
				fmt.Fprintf(w, "\n%s\n", st.Bold("Where it fails now"))
				for _, l := range s.verdict.FailureSummary(12) {
					fmt.Fprintln(w, "  "+l)
				}
			case skipped, tampered:
				fmt.Fprintf(w, "\n%s\n", st.Bold("Why it does not pass"))
				for _, l := range s.verdict.FailureSummary(12) {
					fmt.Fprintln(w, "  "+l)
				}
			}
			if s.state != skipped && len(s.verdict.Skips) > 0 {
				fmt.Fprintln(w)
				a.printStartHints([]exerciseState{s})
			}
			return nil
		}
	}
	if len(exercise.All(ws.chapters)) == 0 {
		fmt.Fprintln(w, "No exercises found yet.")
		return nil
	}
	fmt.Fprintln(w, st.Green("✓ Every exercise passes. Well done!"))
	fmt.Fprintln(w, "Next: build something of your own on the capstone: go run ./capstone")
	return nil
}

func difficulty(ex *exercise.Exercise) string {
	d := 0
	if ex.Readme != nil {
		d = ex.Readme.Difficulty
	}
	if d == 0 {
		return "unknown"
	}
	return strings.Repeat("●", d) + strings.Repeat("○", exercise.MaxDifficulty-d) + fmt.Sprintf(" %d/%d", d, exercise.MaxDifficulty)
}

func (a *App) cmdHint(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("hint", flag.ContinueOnError)
	level := fs.Int("level", 1, "which hint to show: 1 a nudge, 2 the API to use, 3 nearly the answer")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"name one exercise, e.g. `hint 1-parse-request`, `hint parse` or `hint 01-http/1-parse-request`"}
	}
	if *level < 1 || *level > exercise.HintCount {
		return usageError{fmt.Sprintf("--level must be 1, 2 or 3, got %d", *level)}
	}
	ws, err := a.load(ctx)
	if err != nil {
		return err
	}
	all := exercise.All(ws.chapters)
	ex, err := exercise.Find(all, pos[0])
	if err != nil {
		return err
	}
	st := a.out
	w := a.Stdout
	fmt.Fprintf(w, "%s  %s\n", st.Bold(ex.ID()), ex.Title())
	if f := ex.StubFile(); f != "" {
		fmt.Fprintf(w, "Edit %s, test with %s\n", st.Cyan(f), st.Cyan(ex.TestCommand()))
	}
	// One tier only: a learner who asks for the nudge must not see the
	// near-solution below it.
	text := ex.Hints.Tier(*level)
	if text == "" {
		fmt.Fprintf(w, "\nThis exercise has no hint %d yet (%s/%s); read its Task in %s/README.md.\n",
			*level, ex.RelDir, exercise.HintsFile, ex.RelDir)
		return nil
	}
	fmt.Fprintf(w, "\n%s\n%s\n", st.Yellow("Hint "+strconv.Itoa(*level)+"/"+strconv.Itoa(exercise.HintCount)), text)
	if *level < exercise.HintCount {
		fmt.Fprintf(w, "\n%s\n", st.Dim(fmt.Sprintf("Still stuck? go run ./scripts/workbook hint %s --level %d", exercise.ShortName(all, ex), *level+1)))
	}
	return nil
}

func (a *App) cmdVerify(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	_, chapters, err := a.loadChapters(ctx, fs, args)
	if err != nil {
		return err
	}
	states, err := a.states(ctx, chapters)
	if err != nil {
		return err
	}
	st := a.out
	w := a.Stdout
	bad, skips := 0, 0
	var rows [][]string
	for _, s := range states {
		mark, word := a.label(s)
		rows = append(rows, []string{mark, s.ex.ID(), word})
		if s.state != passed {
			bad++
		}
		if s.state == skipped {
			skips++
		}
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "No exercises found in", chapterNames(chapters))
		return nil
	}
	term.Table(w, "", rows)
	for _, s := range states {
		if s.state != failing && s.state != tampered {
			continue
		}
		fmt.Fprintf(w, "\n%s %s\n", st.Red("✗"), st.Bold(s.ex.ID()))
		for _, l := range s.verdict.FailureSummary(8) {
			fmt.Fprintln(w, "  "+l)
		}
	}
	fmt.Fprintln(w)
	if bad > 0 {
		a.printStartHints(states)
		fmt.Fprintf(w, "%s %d of %d exercises do not pass yet", st.Red("✗"), bad, len(states))
		if skips > 0 {
			fmt.Fprintf(w, " (%d skipped: start the services above and run verify again)", skips)
		}
		fmt.Fprintf(w, ". `go run ./scripts/workbook next` shows where to start.\n")
		return exitError{1}
	}
	fmt.Fprintf(w, "%s all %d exercises pass.\n", st.Green("✓"), len(states))
	return nil
}

func chapterNames(chapters []*exercise.Chapter) string {
	names := make([]string, len(chapters))
	for i, ch := range chapters {
		names[i] = ch.Name
	}
	return strings.Join(names, ", ")
}

// verdictLine is a one-line summary of a verdict, for watch.
func verdictLine(v grade.Verdict) string {
	switch v.Status {
	case grade.Pass:
		return "passed"
	case grade.Skipped:
		return "skipped — " + v.SkipReason()
	case grade.Tampered:
		return "tampered: " + firstLine(v.Detail)
	case grade.Error:
		return "does not compile"
	}
	n := len(v.Failed)
	return fmt.Sprintf("%d failing", n)
}
