package procrunner

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// lines is an Out that a test can watch: it records every write and
// tells waiters when a wanted line has arrived.
type lines struct {
	mu     sync.Mutex
	writes []string
	text   strings.Builder
	change chan struct{}
}

func newLines() *lines { return &lines{change: make(chan struct{}, 1)} }

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.writes = append(l.writes, string(p))
	l.text.Write(p)
	l.mu.Unlock()
	select {
	case l.change <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text.String()
}

// waitFor blocks until every want is a line of the output (10 s at most).
func (l *lines) waitFor(t *testing.T, want ...string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		got := strings.Split(l.String(), "\n")
		if !slices.ContainsFunc(want, func(w string) bool { return !slices.Contains(got, w) }) {
			return
		}
		select {
		case <-l.change:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			t.Fatalf("output never had %q; it is:\n%s", want, l.String())
		}
	}
}

// run runs r in the background; the returned func waits for its result,
// failing the test when Run has not returned within 10 s.
func run(t *testing.T, ctx context.Context, r *Runner) func() Result {
	t.Helper()
	type ret struct {
		res Result
		err error
	}
	done := make(chan ret, 1)
	go func() {
		res, err := r.Run(ctx)
		done <- ret{res, err}
	}()
	return func() Result {
		t.Helper()
		select {
		case x := <-done:
			if x.err != nil {
				t.Fatalf("Run: %v", x.err)
			}
			return x.res
		case <-time.After(10 * time.Second):
			t.Fatalf("Run did not return within 10 s; output:\n%v", r.Out)
			return Result{}
		}
	}
}

func TestOutputIsPrefixedLineByLine(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready")
	out := newLines()
	wait := run(t, t.Context(), &Runner{Out: out, Grace: 5 * time.Second, Procs: []Proc{
		{"worker", `trap 'exit 0' TERM; echo bee; touch ` + ready + `; while :; do sleep 0.01; done`},
		{"web", `while [ ! -e ` + ready + ` ]; do sleep 0.01; done; echo one; echo two >&2; printf three`},
	}})
	res := wait()
	if !reflect.DeepEqual(res, Result{First: "web"}) {
		t.Errorf("Run = %+v, want web first, code 0, nothing killed", res)
	}
	if !strings.Contains(out.String(), "worker | bee\n") {
		t.Errorf("output %q lacks worker's line", out.String())
	}
	var web []string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "web | ") {
			web = append(web, l)
		}
	}
	if want := []string{"web | one", "web | two", "web | three"}; !slices.Equal(web, want) {
		t.Errorf("web's lines = %q, want %q (the last without its newline gets one)", web, want)
	}
	if !strings.HasSuffix(out.String(), "\n") {
		t.Errorf("output %q does not end in a newline", out.String())
	}
	for _, w := range out.writes {
		if strings.Count(w, "\n") != 1 || !strings.HasSuffix(w, "\n") {
			t.Errorf("write %q is not one whole line", w)
		}
	}
}

func TestLinesNeverMix(t *testing.T) {
	out := newLines()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	const n = 400
	loop := func(c string) string {
		return fmt.Sprintf(`i=0; while [ $i -lt %d ]; do echo %s$i; i=$((i+1)); done; exec sleep 20`, n, strings.Repeat(c, 120))
	}
	wait := run(t, ctx, &Runner{Out: out, Grace: 5 * time.Second, Procs: []Proc{{"a", loop("a")}, {"b", loop("b")}}})
	out.waitFor(t, fmt.Sprintf("a | %s%d", strings.Repeat("a", 120), n-1), fmt.Sprintf("b | %s%d", strings.Repeat("b", 120), n-1))
	cancel()
	wait()
	valid := regexp.MustCompile(`^(a \| a{120}|b \| b{120})\d+$`)
	count := 0
	for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		if !valid.MatchString(l) {
			t.Fatalf("mixed or unprefixed line %q", l)
		}
		count++
	}
	if count != 2*n {
		t.Errorf("%d lines, want %d", count, 2*n)
	}
}

func TestFirstExitStopsTheRest(t *testing.T) {
	for _, tc := range []struct {
		name, command string
		want          Result
	}{
		{"failure", "exit 3", Result{Code: 3, First: "release"}},
		{"success", "exit 0", Result{Code: 0, First: "release"}},
		{"killed by a signal it sent itself", "kill -USR1 $$", Result{Code: 128 + 10, First: "release"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := newLines()
			wait := run(t, t.Context(), &Runner{Out: out, Grace: 5 * time.Second, Procs: []Proc{
				{"web", "exec sleep 20"},
				{"release", tc.command},
				{"worker", "sleep 20 & wait"}, // the signal must reach the shell's child too
			}})
			if res := wait(); !reflect.DeepEqual(res, tc.want) {
				t.Errorf("Run = %+v, want %+v (the others stop on SIGTERM, which is no failure)", res, tc.want)
			}
		})
	}
}

// TestFirstFailureWins: b fails too, but only after a's failure began
// the stop.
func TestFirstFailureWins(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready")
	out := newLines()
	wait := run(t, t.Context(), &Runner{Out: out, Grace: 5 * time.Second, Procs: []Proc{
		{"b", `trap 'exit 4' TERM; touch ` + ready + `; while :; do sleep 0.01; done`},
		{"a", `while [ ! -e ` + ready + ` ]; do sleep 0.01; done; exit 2`},
	}})
	if res := wait(); !reflect.DeepEqual(res, Result{Code: 2, First: "a"}) {
		t.Errorf("Run = %+v, want a's code 2 (b's 4 came later)", res)
	}
}

func TestCleanExitOnTERMIsNoFailure(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := newLines()
	wait := run(t, ctx, &Runner{Out: out, Grace: 5 * time.Second, Procs: []Proc{
		{"web", `trap 'echo draining; exit 0' TERM; echo up; while :; do sleep 0.01; done`},
	}})
	out.waitFor(t, "web | up")
	cancel()
	if res := wait(); !reflect.DeepEqual(res, Result{}) {
		t.Errorf("Run = %+v, want a clean stop", res)
	}
	out.waitFor(t, "web | draining")
}

func TestKillAfterGrace(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := newLines()
	wait := run(t, ctx, &Runner{Out: out, Grace: time.Second, Procs: []Proc{
		{"polite", `echo up; exec sleep 20`},
		{"stubborn", `trap '' TERM; echo up; sleep 20`},
		{"late", `trap 'sleep 0.05; exit 5' TERM; echo up; while :; do sleep 0.01; done`},
	}})
	out.waitFor(t, "polite | up", "stubborn | up", "late | up")
	start := time.Now()
	cancel()
	res := wait()
	if want := (Result{Code: 5, Killed: []string{"stubborn"}}); !reflect.DeepEqual(res, want) {
		t.Errorf("Run = %+v, want %+v", res, want)
	}
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("Run returned %v after the stop, before the grace period of 1s", waited)
	}
}

func TestKilledIsAFailure(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := newLines()
	wait := run(t, ctx, &Runner{Out: out, Grace: 100 * time.Millisecond, Procs: []Proc{
		{"web", `exec sleep 20`},
		{"stubborn", `trap '' TERM; echo up; sleep 20`},
	}})
	out.waitFor(t, "stubborn | up")
	cancel()
	if res := wait(); !reflect.DeepEqual(res, Result{Code: 137, Killed: []string{"stubborn"}}) {
		t.Errorf("Run = %+v, want code 137 (128+SIGKILL) for the killed process", res)
	}
}

func TestRunRejectsBadRunners(t *testing.T) {
	out := newLines()
	for _, r := range []*Runner{
		{Out: out, Grace: time.Second},
		{Out: out, Grace: 0, Procs: []Proc{{"web", "true"}}},
		{Out: out, Grace: -time.Second, Procs: []Proc{{"web", "true"}}},
		{Out: out, Grace: time.Second, Procs: []Proc{{"web", "true"}, {"web", "true"}}},
		{Out: out, Grace: time.Second, Procs: []Proc{{"", "true"}}},
	} {
		if _, err := r.Run(t.Context()); err == nil {
			t.Errorf("Run(%+v) = nil error, want a refusal", r.Procs)
		}
	}
	if out.String() != "" {
		t.Errorf("a refused runner started something: %q", out.String())
	}
	// The smallest valid runner, for contrast: any positive grace will do.
	res, err := (&Runner{Out: out, Grace: time.Nanosecond, Procs: []Proc{{"one", "echo hi"}}}).Run(t.Context())
	if err != nil || !reflect.DeepEqual(res, Result{First: "one"}) || out.String() != "one | hi\n" {
		t.Errorf("one process: %+v, %v, output %q", res, err, out.String())
	}
}

// TestStartFailureIsAnError: with no sh to be found, nothing runs and Run
// says why.
func TestStartFailureIsAnError(t *testing.T) {
	t.Setenv("PATH", "")
	out := newLines()
	res, err := (&Runner{Out: out, Grace: time.Second, Procs: []Proc{{"web", "true"}}}).Run(t.Context())
	if err == nil || !strings.Contains(err.Error(), "web") || !reflect.DeepEqual(res, Result{}) {
		t.Errorf("Run without sh = %+v, %v; want an error naming the process", res, err)
	}
}
