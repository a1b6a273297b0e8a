package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitCommitAll makes dir a git repository with everything committed.
func gitCommitAll(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "fixture"},
	} {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// A learner who solved an exercise must still see the repository's checks
// green: they run against the committed stub, not the learner's solution.
func TestCheckUsesCommittedStubs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root := fixture(t)
	if code, out, errs := run(t, root, "sums"); code != 0 {
		t.Fatalf("sums = %d %s %s", code, out, errs)
	}
	gitCommitAll(t, root)
	if code, out, _ := run(t, root, "check", "--no-mutants"); code != 0 {
		t.Fatalf("check on the committed fixture = %d, want 0:\n%s", code, out)
	}

	// The learner solves 1-add in the stub file.
	dir := filepath.Join(root, "01-fixture", "exercises", "1-add")
	sol, err := os.ReadFile(filepath.Join(dir, "add_solution.go"))
	if err != nil {
		t.Fatal(err)
	}
	solved := strings.Replace(string(sol), "//go:build solution", "//go:build !solution", 1)
	writeFile(t, filepath.Join(dir, "add.go"), solved)

	code, out, _ := run(t, root, "check", "--no-mutants")
	if code != 0 {
		t.Fatalf("check after the learner solved 1-add = %d, want 0 (the committed stub still fails):\n%s", code, out)
	}
	if !strings.Contains(out, "1 stub differ") || !strings.Contains(out, "workbook verify") {
		t.Errorf("check did not say it used the committed stub:\n%s", out)
	}
	// The learner's file is untouched.
	if got, _ := os.ReadFile(filepath.Join(dir, "add.go")); string(got) != solved {
		t.Errorf("check changed the learner's stub:\n%s", got)
	}
}

func TestCheckMutantsOfOneExercise(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool on every mutant")
	}
	root := fixture(t)
	code, out, errs := run(t, root, "check", "--mutants", "add")
	if !strings.Contains(out, "mutants of 01-fixture/1-add") || !strings.Contains(out, "score ") {
		t.Fatalf("check --mutants add = %d\n%s\n%s", code, out, errs)
	}
	if code != 0 && !strings.Contains(out, "survived") {
		t.Errorf("a failing mutant check must show the survivors:\n%s", out)
	}
}
