package cli

import (
	"context"
	"flag"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/workspace"
)

// cmdTest is the repository's test command: vet, staticcheck and race-test
// every workspace module with the reference solutions, then check every
// exercise.
func (a *App) cmdTest(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("test", flag.ContinueOnError)
	only := fset.String("modules", "", "comma-separated module directories to test, e.g. 01-http,scripts (default: all)")
	skipCheck := fset.Bool("skip-check", false, "do not run `workbook check` after the tests")
	mutantSample := fset.Int("mutant-sample", defaultMutantSample, "mutants run per exercise by the check (0: all, -1: none)")
	pos, err := parseFlags(fset, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("unexpected arguments %s; restrict modules with --modules %s", strings.Join(pos, " "), strings.Join(pos, ","))}
	}
	return a.inPristine(ctx, func(a *App) error { return a.runTests(ctx, *only, *skipCheck, *mutantSample) })
}

// gofmtPath is the gofmt of the go command's own toolchain, which is not
// always on PATH.
func gofmtPath(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "bin", "gofmt"), nil
}

// runTests is the test command proper, in a checkout whose stubs are as
// committed.
func (a *App) runTests(ctx context.Context, only string, skipCheck bool, mutantSample int) error {
	ws, err := a.load(ctx)
	if err != nil {
		return err
	}
	mods, err := selectModules(ws.modules, only)
	if err != nil {
		return err
	}
	st := a.out
	w := a.Stdout
	start := time.Now()
	var failed []string
	checked := false
	// staticcheck is pinned by the tool directive in scripts/go.mod; in a
	// workspace `go tool` finds it from every module's directory.
	steps := [][]string{
		{"vet", "./..."},
		{"vet", "-tags", "solution", "./..."},
		{"tool", "staticcheck", "./..."},
		{"tool", "staticcheck", "-tags", "solution", "./..."},
		{"test", "-race", "-tags", "solution", "./..."},
	}
	gofmt, err := gofmtPath(ctx)
	if err != nil {
		return err
	}
	for _, m := range mods {
		if !workspace.HasGoFiles(m.Dir) {
			fmt.Fprintf(w, "%s %s: no Go packages yet, skipped\n", st.Dim("·"), m.Name())
			continue
		}
		fmt.Fprintf(w, "%s %s: gofmt -l .\n", st.Cyan("▶"), st.Bold(m.Name()))
		fmtCmd := exec.CommandContext(ctx, gofmt, "-l", ".")
		fmtCmd.Dir = m.Dir
		if out, err := fmtCmd.CombinedOutput(); err != nil || len(out) > 0 {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fmt.Fprintf(w, "%s %s: not gofmt-formatted (run gofmt -w on them):\n%s", st.Red("✗"), m.Name(), out)
			failed = append(failed, m.Name()+": gofmt -l .")
		}
		for _, step := range steps {
			line := "go " + strings.Join(step, " ")
			fmt.Fprintf(w, "%s %s: %s\n", st.Cyan("▶"), st.Bold(m.Name()), line)
			cmd := exec.CommandContext(ctx, "go", step...)
			cmd.Dir = m.Dir
			cmd.Stdout = w
			cmd.Stderr = w
			if err := cmd.Run(); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				fmt.Fprintf(w, "%s %s: %s failed (%v)\n", st.Red("✗"), m.Name(), line, err)
				failed = append(failed, m.Name()+": "+line)
			}
		}
	}
	if !skipCheck {
		var chapters []*exercise.Chapter
		for _, ch := range ws.chapters {
			for _, m := range mods {
				if m.Dir == ch.Dir {
					chapters = append(chapters, ch)
				}
			}
		}
		if len(chapters) > 0 {
			fmt.Fprintf(w, "%s %s\n", st.Cyan("▶"), st.Bold("workbook check "+chapterNames(chapters)))
			checked = true
			if err := a.check(ctx, ws, chapters, checkOptions{mutantSample: mutantSample}); err != nil {
				if _, ok := err.(exitError); !ok {
					return err
				}
				failed = append(failed, "workbook check: exercise defects (see the table above)")
			}
		}
	}
	took := time.Since(start).Round(time.Second)
	fmt.Fprintln(w)
	if len(failed) > 0 {
		fmt.Fprintf(w, "%s %d %s failed (%s):\n", st.Red("✗ FAIL"), len(failed), plural(len(failed), "step", "steps"), took)
		for _, f := range failed {
			fmt.Fprintf(w, "  - %s\n", f)
		}
		return exitError{1}
	}
	what := ""
	if checked {
		what = ", exercises checked"
	}
	fmt.Fprintf(w, "%s %d modules gofmt-checked, vetted, staticchecked and tested with -race -tags solution%s (%s)\n", st.Green("✓ PASS"), len(mods), what, took)
	return nil
}

// selectModules keeps the modules named in the comma-separated list (by
// directory name), or all when the list is empty.
func selectModules(mods []workspace.Module, list string) ([]workspace.Module, error) {
	if strings.TrimSpace(list) == "" {
		return mods, nil
	}
	var out []workspace.Module
	var names []string
	for _, m := range mods {
		names = append(names, m.Name())
	}
	for _, want := range strings.Split(list, ",") {
		want = strings.Trim(strings.TrimSpace(want), "./")
		if want == "" {
			continue
		}
		found := false
		for _, m := range mods {
			if m.Name() == want {
				out = append(out, m)
				found = true
			}
		}
		if !found {
			return nil, usageError{fmt.Sprintf("no workspace module %q; modules are: %s", want, strings.Join(names, ", "))}
		}
	}
	return out, nil
}
