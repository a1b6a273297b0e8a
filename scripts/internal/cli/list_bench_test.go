package cli

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"workbook/scripts/internal/workspace"
)

// The list benchmarks run the real `workbook list` code path (App.Main,
// go list -m, git, go test) over the real workspace: the one this test
// file sits in, found by walking up to go.work. Each uses a cache
// directory of its own, so they start cold and never touch the user's.
//
//	cd scripts && go test -run '^$' -bench List -benchtime 20x ./internal/cli

// listOnce runs `workbook list` with a fresh App (nothing remembered
// between runs but the cache on disk) and returns how long it took.
func listOnce(b *testing.B, root string, env map[string]string) time.Duration {
	b.Helper()
	a := &App{Dir: root, Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }}
	start := time.Now()
	if code := a.Main(context.Background(), []string{"list"}); code != 0 {
		b.Fatalf("workbook list exited %d", code)
	}
	return time.Since(start)
}

func benchRoot(b *testing.B) string {
	b.Helper()
	if testing.Short() {
		b.Skip("runs go test over every chapter")
	}
	root, err := workspace.FindRoot(".")
	if err != nil {
		b.Fatal(err)
	}
	return root
}

// BenchmarkListWarm is `list` with nothing changed since the last run. It
// also times, once, a cold run (empty cache: every test runs and is
// stored) and a run with WORKBOOK_NO_CACHE=1, and reports the speed-up.
func BenchmarkListWarm(b *testing.B) {
	root := benchRoot(b)
	cached := map[string]string{"NO_COLOR": "1", "WORKBOOK_CACHE_DIR": b.TempDir()}
	uncached := map[string]string{"NO_COLOR": "1", "WORKBOOK_NO_CACHE": "1"}
	cold := listOnce(b, root, cached)
	off := listOnce(b, root, uncached)
	for b.Loop() {
		listOnce(b, root, cached)
	}
	warm := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(cold.Nanoseconds()), "cold-ns")
	b.ReportMetric(float64(off.Nanoseconds()), "nocache-ns")
	b.ReportMetric(float64(off)/float64(warm), "speedup")
}

// BenchmarkListOneChanged is `list` after the learner saved one stub: only
// that exercise runs. It works on a copy of the workspace (without .git),
// since it edits a file each iteration.
func BenchmarkListOneChanged(b *testing.B) {
	src := benchRoot(b)
	root := b.TempDir()
	if err := copyWorkspace(src, root); err != nil {
		b.Fatal(err)
	}
	stub := filepath.Join(root, "01-http", "exercises", "1-method-table", "methodtable.go")
	if _, err := os.Stat(stub); err != nil {
		b.Skipf("no stub to edit: %v", err)
	}
	env := map[string]string{"NO_COLOR": "1", "WORKBOOK_CACHE_DIR": b.TempDir()}
	listOnce(b, root, env)
	i := 0
	for b.Loop() {
		b.StopTimer()
		f, err := os.OpenFile(stub, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		i++
		f.WriteString("// edit " + strings.Repeat("x", i) + "\n")
		f.Close()
		b.StartTimer()
		listOnce(b, root, env)
	}
}

// copyWorkspace copies a directory tree, leaving out .git.
func copyWorkspace(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
