package exercise

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestPristineStubs(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	exs := []*Exercise{
		{RelDir: "01-x/exercises/1-a", Readme: &Readme{File: "a.go"}},
		{RelDir: "01-x/exercises/2-b", Readme: &Readme{File: "b.go"}},
		{RelDir: "01-x/exercises/3-c", Readme: &Readme{File: "c.go"}},
	}
	for _, e := range exs {
		dir := filepath.Join(root, filepath.FromSlash(e.RelDir))
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, e.Readme.File), []byte("package x\n"), 0o644)
	}
	git("init", "-q")
	git("add", "01-x/exercises/1-a", "01-x/exercises/2-b")
	git("commit", "-q", "-m", "stubs")
	os.WriteFile(filepath.Join(root, "01-x/exercises/2-b/b.go"), []byte("package x // edited\n"), 0o644)

	got := PristineStubs(context.Background(), root, exs)
	want := map[string]bool{"01-x/exercises/1-a/a.go": true}
	if len(got) != len(want) || !got["01-x/exercises/1-a/a.go"] {
		t.Errorf("PristineStubs() = %v, want %v (b edited, c untracked)", got, want)
	}
	if got := PristineStubs(context.Background(), t.TempDir(), exs); len(got) != 0 {
		t.Errorf("PristineStubs(outside git) = %v, want empty", got)
	}
}
