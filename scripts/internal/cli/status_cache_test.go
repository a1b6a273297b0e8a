package cli

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/resultcache"
	"workbook/scripts/internal/workspace"
)

// fakeGoTest stands in for go test: a package passes when its stub says
// "solved", and fails otherwise. It records every invocation.
type fakeGoTest struct {
	modules map[string]string // dir → module path
	calls   []string          // "chapter: patterns"
	skip    bool              // report every test as skipped
}

func (f *fakeGoTest) run(_ context.Context, o gotest.Options) (*gotest.Report, error) {
	f.calls = append(f.calls, filepath.Base(o.Dir)+": "+strings.Join(o.Patterns, " "))
	var names []string
	for _, p := range o.Patterns {
		if p == "./exercises/..." {
			entries, _ := os.ReadDir(filepath.Join(o.Dir, "exercises"))
			for _, e := range entries {
				names = append(names, e.Name())
			}
			continue
		}
		names = append(names, strings.TrimSuffix(strings.TrimPrefix(p, "./exercises/"), "/"))
	}
	p := gotest.NewParser()
	for _, name := range names {
		path := f.modules[o.Dir] + "/exercises/" + name
		src, _ := os.ReadFile(filepath.Join(o.Dir, "exercises", name, "stub.go"))
		verdict := "fail"
		if strings.Contains(string(src), "solved") {
			verdict = "pass"
		}
		if f.skip {
			verdict = "skip"
		}
		p.Event(gotest.Event{Action: "run", Package: path, Test: "TestIt"})
		p.Event(gotest.Event{Action: "output", Package: path, Test: "TestIt", Output: "    stub_test.go:1: " + verdict + "\n"})
		p.Event(gotest.Event{Action: verdict, Package: path, Test: "TestIt", Elapsed: 0.01})
		if verdict == "skip" {
			verdict = "pass"
		}
		p.Event(gotest.Event{Action: verdict, Package: path, Elapsed: 0.02})
	}
	return p.Report(), nil
}

// cacheFixture is a workspace of two chapters (three exercises and one)
// and an App loaded on it.
func cacheFixture(t *testing.T) (*App, *fakeGoTest) {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"go.work":         "go 1.25\n\nuse (\n\t./01-a\n\t./02-b\n)\n",
		"01-a/go.mod":     "module workbook/01-a\n\ngo 1.25\n",
		"02-b/go.mod":     "module workbook/02-b\n\ngo 1.25\n",
		"02-b/lib/lib.go": "package lib\n",
	}
	for _, ex := range []string{"01-a/exercises/1-x", "01-a/exercises/2-y", "01-a/exercises/3-z", "02-b/exercises/1-w"} {
		files[ex+"/stub.go"] = "package p\n\n// not implemented: edit stub.go\n"
		files[ex+"/stub_test.go"] = "package p\n"
		files[ex+"/README.md"] = "# Title\n\nDifficulty: 1/3 · File: `stub.go`\n"
	}
	files["02-b/exercises/1-w/stub.go"] = "package p\n\nimport _ \"workbook/02-b/lib\"\n"
	for name, body := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mods := []workspace.Module{
		{Path: "workbook/01-a", Dir: filepath.Join(root, "01-a")},
		{Path: "workbook/02-b", Dir: filepath.Join(root, "02-b")},
	}
	chapters, err := exercise.Discover(root, mods)
	if err != nil {
		t.Fatal(err)
	}
	fake := &fakeGoTest{modules: map[string]string{}}
	for _, m := range mods {
		fake.modules[m.Dir] = m.Path
	}
	a := &App{Getenv: func(string) string { return "" }, ws: &loaded{root: root, modules: mods, chapters: chapters}}
	return a, fake
}

// runCached runs every chapter through the cache in dir with the fake.
func runCached(t *testing.T, a *App, fake *fakeGoTest, cacheDir string) *testRun {
	t.Helper()
	store, err := resultcache.Open(a.ws.root, cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := resultcache.NewKeyer(context.Background(), resultcache.Config{
		Root: a.ws.root, Modules: a.ws.modules, Timeout: learnerTimeout, Environ: []string{"WORKBOOK_X=1"},
		GoEnv: func(context.Context) (map[string]string, error) {
			return map[string]string{"GOVERSION": "go1.26.0"}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	run, err := a.runExercisesWith(context.Background(), fake.run, &resultCache{store: store, keys: keys}, a.ws.chapters, "", learnerTimeout)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func statuses(run *testRun, chapters []*exercise.Chapter) map[string]grade.Status {
	out := map[string]grade.Status{}
	for _, ex := range exercise.All(chapters) {
		out[ex.ID()] = run.verdict(ex).Status
	}
	return out
}

func cachedIDs(run *testRun) []string {
	var out []string
	for p := range run.cached {
		out = append(out, strings.TrimPrefix(p, "workbook/"))
	}
	sort.Strings(out)
	return out
}

func TestRunExercisesRunsOnlyWhatChanged(t *testing.T) {
	a, fake := cacheFixture(t)
	cacheDir := t.TempDir()
	write := func(rel, body string) {
		if err := os.WriteFile(filepath.Join(a.ws.root, filepath.FromSlash(rel)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	cold := runCached(t, a, fake, cacheDir)
	if want := []string{"01-a: ./exercises/...", "02-b: ./exercises/..."}; !reflect.DeepEqual(fake.calls, want) {
		t.Fatalf("cold run: go test calls = %q, want %q", fake.calls, want)
	}
	if len(cold.cached) != 0 {
		t.Errorf("cold run answered %v from the cache", cachedIDs(cold))
	}

	fake.calls = nil
	warm := runCached(t, a, fake, cacheDir)
	if len(fake.calls) != 0 {
		t.Errorf("warm run with nothing changed ran go test: %q", fake.calls)
	}
	if got, want := statuses(warm, a.ws.chapters), statuses(cold, a.ws.chapters); !reflect.DeepEqual(got, want) {
		t.Errorf("warm verdicts = %v, want the cold ones %v", got, want)
	}
	for path, pkg := range cold.pkgs {
		if !reflect.DeepEqual(warm.pkgs[path], pkg) {
			t.Errorf("cached %s = %+v, want %+v", path, warm.pkgs[path], pkg)
		}
	}

	// The learner solves 2-y: only 2-y runs, by its own pattern.
	fake.calls = nil
	write("01-a/exercises/2-y/stub.go", "package p\n\n// solved\n")
	after := runCached(t, a, fake, cacheDir)
	if want := []string{"01-a: ./exercises/2-y/"}; !reflect.DeepEqual(fake.calls, want) {
		t.Errorf("after editing 2-y: go test calls = %q, want %q", fake.calls, want)
	}
	if got := statuses(after, a.ws.chapters)["01-a/2-y"]; got != grade.Pass {
		t.Errorf("2-y after solving = %s, want pass", got)
	}
	if got, want := cachedIDs(after), []string{"01-a/exercises/1-x", "01-a/exercises/3-z", "02-b/exercises/1-w"}; !reflect.DeepEqual(got, want) {
		t.Errorf("answered from the cache = %q, want %q", got, want)
	}

	// A workspace package that 1-w imports changes: only 1-w runs.
	fake.calls = nil
	write("02-b/lib/lib.go", "package lib // changed\n")
	runCached(t, a, fake, cacheDir)
	if want := []string{"02-b: ./exercises/..."}; !reflect.DeepEqual(fake.calls, want) {
		t.Errorf("after editing an imported package: go test calls = %q, want %q", fake.calls, want)
	}

	// Two of three in one chapter change: one go test for both.
	fake.calls = nil
	write("01-a/exercises/1-x/stub.go", "package p // edited\n")
	write("01-a/exercises/3-z/notes.txt", "a file the tests might read\n")
	runCached(t, a, fake, cacheDir)
	if want := []string{"01-a: ./exercises/1-x/ ./exercises/3-z/"}; !reflect.DeepEqual(fake.calls, want) {
		t.Errorf("after editing 1-x and 3-z: go test calls = %q, want %q", fake.calls, want)
	}
}

func TestRunExercisesDoesNotCacheSkips(t *testing.T) {
	a, fake := cacheFixture(t)
	cacheDir := t.TempDir()
	fake.skip = true
	runCached(t, a, fake, cacheDir)
	fake.calls = nil
	runCached(t, a, fake, cacheDir)
	if want := []string{"01-a: ./exercises/...", "02-b: ./exercises/..."}; !reflect.DeepEqual(fake.calls, want) {
		t.Errorf("second run after skips: go test calls = %q, want %q (a skip must never be cached)", fake.calls, want)
	}
}

func TestRunExercisesWithoutCacheRunsEverything(t *testing.T) {
	a, fake := cacheFixture(t)
	for range 2 {
		if _, err := a.runExercisesWith(context.Background(), fake.run, nil, a.ws.chapters, "", learnerTimeout); err != nil {
			t.Fatal(err)
		}
	}
	if len(fake.calls) != 4 {
		t.Errorf("go test calls = %q, want every chapter run twice", fake.calls)
	}
}

func TestResultCacheIsOptIn(t *testing.T) {
	a, _ := cacheFixture(t)
	a.Getenv = func(k string) string {
		if k == "WORKBOOK_CACHE_DIR" {
			return t.TempDir()
		}
		return ""
	}
	if a.openResultCache(context.Background(), "", learnerTimeout) == nil {
		t.Fatal("openResultCache() = nil with the cache enabled")
	}
	a.Getenv = func(k string) string {
		if k == "WORKBOOK_NO_CACHE" {
			return "1"
		}
		return ""
	}
	if a.openResultCache(context.Background(), "", learnerTimeout) != nil {
		t.Error("openResultCache() != nil with WORKBOOK_NO_CACHE=1")
	}
}
