// Package cli implements the workbook command's subcommands.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/term"
	"workbook/scripts/internal/workspace"
)

// App is one invocation of the workbook command.
type App struct {
	// Dir is where the command was started; the workspace root is found by
	// walking up from it.
	Dir    string
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string

	out  term.Style
	errs term.Style
	ws   *loaded
}

// loaded is the discovered workspace.
type loaded struct {
	root     string
	modules  []workspace.Module
	chapters []*exercise.Chapter
}

// exitError carries an exit code out of a command without printing more.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError is a mistake in the command line; it is printed with a pointer
// to the usage text.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type command struct {
	name    string
	args    string
	summary string
	group   string
	run     func(a *App, ctx context.Context, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"list", "", "every exercise with its status and progress bars", "Learner", (*App).cmdList},
		{"next", "", "the first unfinished exercise: what to do and how to test it", "Learner", (*App).cmdNext},
		{"hint", "<exercise> [--level 1|2|3]", "hints for an exercise (level 1 is a nudge, 3 nearly the answer)", "Learner", (*App).cmdHint},
		{"watch", "[chapter…]", "re-run an exercise's tests each time you save it", "Learner", (*App).cmdWatch},
		{"verify", "[chapter…]", "run the exercises' tests; exit 1 if any fail", "Learner", (*App).cmdVerify},
		{"grade", "[--json FILE] [--junit FILE] [--timeout 60s] [chapter…]", "score the checkout; report tampered test files", "Instructor", (*App).cmdGrade},
		{"sums", "", "rewrite exercises.sum from the exercises' test and solution files", "Instructor", (*App).cmdSums},
		{"check", "[chapter…]", "prove every exercise fails on its stub and passes on its solution", "Maintainer", (*App).cmdCheck},
		{"test", "[--modules a,b] [--skip-check]", "the repository's test command: vet + race tests in every module, then check", "Maintainer", (*App).cmdTest},
	}
}

// Main runs the command line args (without the program name) and returns
// the process exit code.
func (a *App) Main(ctx context.Context, args []string) int {
	if a.Getenv == nil {
		a.Getenv = os.Getenv
	}
	a.out = term.StyleFor(a.Stdout, a.Getenv)
	a.errs = term.StyleFor(a.Stderr, a.Getenv)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		a.usage(a.Stdout)
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(a, ctx, args[1:])
		var ee exitError
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.code
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(a.Stderr, "%s %s\nusage: workbook %s %s\n", a.errs.Red("workbook "+c.name+":"), ue.msg, c.name, c.args)
			return 2
		case errors.Is(err, context.Canceled):
			return 130
		default:
			fmt.Fprintf(a.Stderr, "%s %v\n", a.errs.Red("workbook "+c.name+":"), err)
			return 2
		}
	}
	fmt.Fprintf(a.Stderr, "%s unknown command %q\n\n", a.errs.Red("workbook:"), args[0])
	a.usage(a.Stderr)
	return 2
}

func (a *App) usage(w io.Writer) {
	fmt.Fprintln(w, "workbook — the Go Backend Workbook's companion. Run it from anywhere in the checkout:")
	fmt.Fprintln(w, "    go run ./scripts/workbook <command>")
	group := ""
	for _, c := range commands {
		if c.group != group {
			group = c.group
			fmt.Fprintf(w, "\n%s commands:\n", group)
		}
		fmt.Fprintf(w, "  %-8s %s\n           %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nStart with `go run ./scripts/workbook next`.")
}

// load finds the workspace root and discovers chapters and exercises.
// loadChapters parses a command's flags from args, loads the workspace and
// returns the chapters named by the positional arguments (all when none).
func (a *App) loadChapters(ctx context.Context, fset *flag.FlagSet, args []string) (*loaded, []*exercise.Chapter, error) {
	pos, err := parseFlags(fset, args)
	if err != nil {
		return nil, nil, err
	}
	ws, err := a.load(ctx)
	if err != nil {
		return nil, nil, err
	}
	chapters, err := exercise.FindChapters(ws.chapters, pos)
	if err != nil {
		return nil, nil, err
	}
	return ws, chapters, nil
}

func (a *App) load(ctx context.Context) (*loaded, error) {
	if a.ws != nil {
		return a.ws, nil
	}
	root, err := workspace.FindRoot(a.Dir)
	if err != nil {
		return nil, err
	}
	mods, err := workspace.Modules(ctx, root)
	if err != nil {
		return nil, err
	}
	chapters, err := exercise.Discover(root, mods)
	if err != nil {
		return nil, err
	}
	a.ws = &loaded{root: root, modules: mods, chapters: chapters}
	return a.ws, nil
}

// parseFlags parses flags that may appear before, between or after the
// positional arguments ("hint parse-request --level 2").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func noArgs(name string, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Sprintf("%s takes no arguments, got %s", name, strings.Join(args, " "))}
	}
	return nil
}

// progress prints a transient status line on stderr when it is a terminal.
func (a *App) progress(format string, args ...any) {
	if !a.errs.TTY {
		return
	}
	fmt.Fprintf(a.Stderr, "\r\x1b[K"+format, args...)
}

func (a *App) progressDone() {
	if a.errs.TTY {
		fmt.Fprint(a.Stderr, "\r\x1b[K")
	}
}
