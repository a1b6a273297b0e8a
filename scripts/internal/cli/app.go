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

// helpError is what parseFlags returns for -h, -help or --help: Main prints
// the command's help with the flags of fs and exits 0.
type helpError struct{ fs *flag.FlagSet }

func (helpError) Error() string { return "help requested" }

// Unwrap lets errors.Is(err, flag.ErrHelp) see a help request.
func (helpError) Unwrap() error { return flag.ErrHelp }

type command struct {
	name    string
	args    string // the usage line after the command name
	summary string
	group   string
	run     func(a *App, ctx context.Context, args []string) error
	// details is printed by `workbook <command> -h` after the summary.
	details string
	// modes are the usage lines of the command's other modes, by the name
	// of the flag set that parses them ("grade --class").
	modes map[string]string
}

var commands []command

func init() {
	const chapters = "A chapter is named 01-http, 01 or http; with none, every chapter."
	commands = []command{
		{"list", "[chapter…]", "every exercise with its status and progress bars", "Learner", (*App).cmdList,
			chapters + " An exercise whose tests skipped (a service such as PostgreSQL is not running) is not passed.", nil},
		{"next", "", "the first unfinished exercise: what to do and how to test it", "Learner", (*App).cmdNext, "", nil},
		{"hint", "<exercise> [--level 1|2|3]", "hints for an exercise (level 1 is a nudge, 3 nearly the answer)", "Learner", (*App).cmdHint,
			"An exercise is named 01-http/1-parse-request, 1-parse-request, or any part of that which only one exercise has.", nil},
		{"watch", "[--debounce 150ms] [chapter…]", "re-run an exercise's tests each time you save it", "Learner", (*App).cmdWatch, chapters + " Ctrl-C stops it.", nil},
		{"verify", "[chapter…]", "run the exercises' tests; exit 1 if any does not pass", "Learner", (*App).cmdVerify,
			chapters + " Skipped tests do not pass: verify says which service to start.", nil},
		{"grade", "[--json FILE] [--junit FILE] [--timeout 60s] [chapter…]", "score the checkout; report tampered test files", "Instructor", (*App).cmdGrade,
			chapters + " Exit 0 whatever the score; 2 when the grader cannot work.\nA whole class: workbook grade --class DIR (workbook grade --class DIR -h for its flags).",
			map[string]string{"grade --class": "grade --class DIR [--out DIR] [--jobs N] [--timeout 60s] [chapter…]"}},
		{"sums", "", "rewrite exercises.sum from the exercises' graded files (all but the stubs)", "Instructor", (*App).cmdSums,
			"Run it after changing an exercise's tests, reference or types on purpose, and commit the result.", nil},
		{"check", "[--mutants EXERCISE] [--mutant-sample N] [--no-mutants] [chapter…]", "prove every exercise fails on its stub and passes on its solution", "Maintainer", (*App).cmdCheck, chapters, nil},
		{"test", "[--modules a,b] [--skip-check] [--mutant-sample N]", "the repository's test command: vet + race tests in every module, then check", "Maintainer", (*App).cmdTest, "", nil},
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
	if len(args) == 2 && args[0] == "help" {
		// "workbook help grade" is "workbook grade -h".
		args = []string{args[1], "-h"}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
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
		var he helpError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.code
		case errors.As(err, &he):
			a.commandHelp(a.Stdout, c, he.fs)
			return 0
		case errors.Is(err, flag.ErrHelp):
			a.commandHelp(a.Stdout, c, nil)
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(a.Stderr, "%s %s\nusage: %s\n(workbook %s -h explains it)\n", a.errs.Red("workbook "+c.name+":"), ue.msg, usageLine(c), c.name)
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

// usageLine is "workbook name args".
func usageLine(c command) string {
	return strings.TrimSpace("workbook " + c.name + " " + c.args)
}

// commandHelp prints what `workbook <command> -h` shows: the usage line,
// the summary, the details, and every flag of fs with its description.
func (a *App) commandHelp(w io.Writer, c command, fs *flag.FlagSet) {
	if fs != nil && fs.Name() != c.name {
		// Another mode of the command, such as grade --class.
		line, ok := c.modes[fs.Name()]
		if !ok {
			line = fs.Name() + " …"
		}
		fmt.Fprintf(w, "usage: workbook %s\n", line)
	} else {
		fmt.Fprintf(w, "usage: %s\n\n%s.\n", usageLine(c), upperFirst(c.summary))
	}
	if c.details != "" && (fs == nil || fs.Name() == c.name) {
		fmt.Fprintf(w, "\n%s\n", c.details)
	}
	n := 0
	if fs != nil {
		fs.VisitAll(func(*flag.Flag) { n++ })
	}
	if n == 0 {
		fmt.Fprintln(w, "\nThis command has no flags.")
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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
				return nil, helpError{fs}
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

// noArgs parses a command that takes no arguments and no flags, so that
// -h and --help work on it like on every other command.
func noArgs(name string, args []string) error {
	pos, err := parseFlags(flag.NewFlagSet(name, flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("%s takes no arguments, got %s", name, strings.Join(pos, " "))}
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
