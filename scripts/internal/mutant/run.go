package mutant

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"workbook/scripts/internal/gotest"
)

// Outcome is what the tests did with one mutant.
type Outcome string

const (
	Killed     Outcome = "killed"      // a test failed, panicked or timed out
	Survived   Outcome = "survived"    // every test passed: a missing test case
	NoCompile  Outcome = "no-compile"  // the mutant does not build; counted apart
	Equivalent Outcome = "equivalent"  // survived, and listed as equivalent with a reason
	ListedKill Outcome = "listed-kill" // listed as equivalent but killed: the list is stale
)

// Target is one exercise to check.
type Target struct {
	// ModuleDir is the module to run `go test` in; Package the pattern
	// relative to it ("./exercises/1-method-table/"); ImportPath the
	// package's import path, to find it in the report.
	ModuleDir, Package, ImportPath string
	// Dir is the exercise directory; Files the reference files to mutate
	// (base names, e.g. "methodtable_solution.go").
	Dir   string
	Files []string
	// Tags are the build tags under which the reference is built.
	Tags string
	// Equivalent maps Mutant.Key() to the reason it cannot be killed.
	Equivalent map[string]string
}

// Result is the mutant check of one exercise.
type Result struct {
	Total    int // mutants generated before sampling
	Results  []MutantResult
	Baseline time.Duration
	// Skipped is set when the tests skip on the reference (a service is
	// missing), so no mutant can be judged.
	Skipped string
}

// MutantResult is one mutant and its outcome.
type MutantResult struct {
	Mutant
	Outcome Outcome
	Reason  string // for Equivalent: the listed reason; for Killed: the first failing test
}

// Count returns how many results have the outcome.
func (r *Result) Count(o Outcome) int {
	n := 0
	for _, m := range r.Results {
		if m.Outcome == o {
			n++
		}
	}
	return n
}

// Score is killed / (killed + survived), the share of compilable,
// non-equivalent mutants the tests reject; 1 when there are none.
func (r *Result) Score() float64 {
	k := r.Count(Killed) + r.Count(ListedKill)
	s := r.Count(Survived)
	if k+s == 0 {
		return 1
	}
	return float64(k) / float64(k+s)
}

// Options tune a run.
type Options struct {
	// Sample is the most mutants to run per exercise (0: all), chosen
	// deterministically.
	Sample int
	// Workers is how many `go test` processes run at once (0: GOMAXPROCS).
	Workers int
	// Progress, when set, is called after each mutant.
	Progress func(done, total int)
}

// ErrReferenceFails is returned when the unmutated reference does not pass
// its own tests: no mutant can be judged against it.
var ErrReferenceFails = errors.New("the tests fail on the unmutated reference")

// Mutants generates every mutant of the target's reference files.
func Mutants(t Target) ([]Mutant, map[string][]byte, error) {
	var all []Mutant
	srcs := map[string][]byte{}
	for _, f := range t.Files {
		src, err := os.ReadFile(filepath.Join(t.Dir, f))
		if err != nil {
			return nil, nil, err
		}
		ms, err := Generate(f, src)
		if err != nil {
			return nil, nil, err
		}
		srcs[f] = src
		all = append(all, ms...)
	}
	return all, srcs, nil
}

// Run checks one exercise: the reference must pass, then each (sampled)
// mutant is run through `go test -overlay`.
func Run(ctx context.Context, t Target, o Options) (*Result, error) {
	all, srcs, err := Mutants(t)
	if err != nil {
		return nil, err
	}
	res := &Result{Total: len(all)}
	start := time.Now()
	base, err := goTest(ctx, t, "", 10*time.Minute)
	if err != nil {
		return nil, err
	}
	res.Baseline = time.Since(start)
	switch {
	case base.Status == gotest.StatusBuildFail:
		return nil, fmt.Errorf("%w: it does not compile:\n%s", ErrReferenceFails, strings.TrimSpace(base.BuildOutput))
	case base.Status != gotest.StatusPass:
		return nil, fmt.Errorf("%w:\n%s", ErrReferenceFails, firstFailure(base))
	}
	if why := skipped(base); why != "" {
		res.Skipped = why
		return res, nil
	}
	// A mutant may loop forever (a removed break, a flipped loop bound):
	// give each run a few times the reference's time, never less than 10 s.
	timeout := max(10*time.Second, 8*time.Duration(base.Elapsed*float64(time.Second)))

	picked := Sample(all, o.Sample, t.ImportPath)
	res.Results = make([]MutantResult, len(picked))
	tmp, err := os.MkdirTemp("", "workbook-mutants-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				m := picked[i]
				mr, err := runOne(ctx, t, m, srcs[m.File], filepath.Join(tmp, fmt.Sprintf("m%d", i)), timeout)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				res.Results[i] = mr
				done++
				if o.Progress != nil {
					o.Progress(done, len(picked))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range picked {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if firstErr != nil {
		return nil, firstErr
	}
	for i := range res.Results {
		mr := &res.Results[i]
		// A listed key with "#N" names one place; without it, every place
		// in the function where that change can be made.
		reason, ok := t.Equivalent[mr.Key()]
		if !ok {
			reason, ok = t.Equivalent[mr.BaseKey()]
		}
		if ok {
			switch mr.Outcome {
			case Survived:
				mr.Outcome, mr.Reason = Equivalent, reason
			case Killed:
				mr.Outcome = ListedKill
			}
		}
	}
	return res, nil
}

func runOne(ctx context.Context, t Target, m Mutant, src []byte, dir string, timeout time.Duration) (MutantResult, error) {
	mr := MutantResult{Mutant: m}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return mr, err
	}
	mutated := filepath.Join(dir, m.File)
	if err := os.WriteFile(mutated, m.Apply(src), 0o644); err != nil {
		return mr, err
	}
	overlay, err := json.Marshal(map[string]map[string]string{
		"Replace": {filepath.Join(t.Dir, m.File): mutated},
	})
	if err != nil {
		return mr, err
	}
	ovFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(ovFile, overlay, 0o644); err != nil {
		return mr, err
	}
	pkg, err := goTest(ctx, t, ovFile, timeout)
	if err != nil {
		return mr, err
	}
	switch pkg.Status {
	case gotest.StatusBuildFail:
		mr.Outcome = NoCompile
	case gotest.StatusPass:
		mr.Outcome = Survived
		if why := skipped(pkg); why != "" {
			// A mutant that makes the tests skip is not accepted by them.
			mr.Outcome, mr.Reason = Killed, "tests skipped: "+why
		}
	default:
		mr.Outcome = Killed
		if f := pkg.Failed(); len(f) > 0 {
			mr.Reason = f[0].Name
		} else {
			mr.Reason = "the test binary failed (panic or timeout)"
		}
	}
	return mr, nil
}

// goTest runs the target's tests once, uncached, and returns its package.
func goTest(ctx context.Context, t Target, overlay string, timeout time.Duration) (*gotest.Package, error) {
	flags := []string{"-count=1", "-vet=off", "-failfast"}
	if overlay != "" {
		flags = append(flags, "-overlay", overlay)
	}
	rep, err := gotest.Run(ctx, gotest.Options{Dir: t.ModuleDir, Patterns: []string{t.Package}, Tags: t.Tags, Timeout: timeout.String(), Flags: flags})
	if err != nil {
		return nil, err
	}
	if pkg := rep.Packages[t.ImportPath]; pkg != nil {
		return pkg, nil
	}
	return nil, fmt.Errorf("go test (in %s) reported nothing for %s:\n%s", t.ModuleDir, t.ImportPath, strings.TrimSpace(rep.Stray))
}

// skipped returns the first skip message when any top-level test skipped.
func skipped(pkg *gotest.Package) string {
	for _, t := range pkg.Tests {
		if t.TopLevel() && t.Status == gotest.StatusSkip {
			msg := strings.TrimSpace(t.Output)
			if i := strings.IndexByte(msg, '\n'); i >= 0 {
				msg = msg[:i]
			}
			return t.Name + ": " + msg
		}
	}
	return ""
}

func firstFailure(pkg *gotest.Package) string {
	if f := pkg.Failed(); len(f) > 0 {
		return "--- " + f[0].Name + "\n" + strings.TrimSpace(f[0].Output)
	}
	return strings.TrimSpace(pkg.Output)
}

// Survivors returns the results that count against the score, in source order.
func (r *Result) Survivors() []MutantResult {
	var out []MutantResult
	for _, m := range r.Results {
		if m.Outcome == Survived {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}
