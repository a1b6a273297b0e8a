package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/watch"
)

func (a *App) cmdWatch(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	delay := fs.Duration("debounce", watch.DefaultDelay, "quiet period after the last change before testing")
	_, chapters, err := a.loadChapters(ctx, fs, args)
	if err != nil {
		return err
	}
	exs := exercise.All(chapters)
	if len(exs) == 0 {
		return fmt.Errorf("no exercises to watch in %s", chapterNames(chapters))
	}
	byID := map[string]*exercise.Exercise{}
	dirs := map[string]string{}
	for _, ex := range exs {
		byID[ex.ID()] = ex
		dirs[ex.Dir] = ex.ID()
	}
	st := a.out
	w := a.Stdout
	banner := func() {
		fmt.Fprintf(w, "%s\n", st.Dim(fmt.Sprintf("Watching %d exercises in %s. Save a .go file to test it; Ctrl-C to stop.", len(exs), chapterNames(chapters))))
	}
	fmt.Fprint(w, st.ClearScreen())
	banner()

	err = watch.Watch(ctx, watch.Options{
		Dirs:  dirs,
		Delay: *delay,
		Run: func(ctx context.Context, id string, saved time.Time) {
			ex := byID[id]
			fmt.Fprint(w, st.ClearScreen())
			fmt.Fprintf(w, "%s %s …\n", st.Dim("Testing"), st.Bold(ex.ID()))
			rep, err := gotest.Run(ctx, gotest.Options{Dir: ex.Dir, Patterns: []string{"."}, Timeout: learnerTimeout})
			if ctx.Err() != nil {
				return
			}
			var v grade.Verdict
			if err != nil {
				v = grade.Verdict{Status: grade.Error, Detail: err.Error()}
			} else {
				v = grade.Evaluate(rep.Package(ex.ImportPath), nil)
			}
			elapsed := time.Since(saved).Round(10 * time.Millisecond)
			fmt.Fprint(w, st.ClearScreen())
			a.printWatchVerdict(ex, v, elapsed)
			banner()
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nStopped watching.")
	return nil
}

func (a *App) printWatchVerdict(ex *exercise.Exercise, v grade.Verdict, elapsed time.Duration) {
	st := a.out
	w := a.Stdout
	took := st.Dim(fmt.Sprintf("(%s from save)", elapsed))
	switch v.Status {
	case grade.Pass:
		fmt.Fprintf(w, "%s %s %s %s\n", st.Green("✓"), st.Bold(ex.ID()), st.Green("passed"), took)
		fmt.Fprintf(w, "  Next exercise: %s\n\n", st.Cyan("go run ./scripts/workbook next"))
		return
	case grade.Skipped:
		fmt.Fprintf(w, "%s %s %s %s\n", st.Yellow("!"), st.Bold(ex.ID()), st.Yellow("skipped: a service it needs is not running"), took)
	default:
		fmt.Fprintf(w, "%s %s %s %s\n", st.Red("✗"), st.Bold(ex.ID()), st.Red(verdictLine(v)), took)
	}
	for _, l := range v.FailureSummary(15) {
		fmt.Fprintln(w, "  "+l)
	}
	if v.Status != grade.Skipped {
		fmt.Fprintf(w, "  %s\n", st.Dim("Stuck? go run ./scripts/workbook hint "+ex.Name))
	}
	fmt.Fprintln(w)
}
