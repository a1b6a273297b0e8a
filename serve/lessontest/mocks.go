package lessontest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// CheckMocksCurrent regenerates the mockery mocks of the package in the
// current directory into a temporary directory, with the module's pinned
// mockery (`go tool mockery`) and its .mockery.yaml (whose `dir: mocks`
// line is pointed elsewhere), and fails when the committed mocks/*.go
// differ: a changed interface must come with regenerated mocks. chapter
// names the directory in the message ("08-handlers"). It skips under -short
// (it builds mockery).
func CheckMocksCurrent(t *testing.T, chapter string) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping mock regeneration (builds mockery)")
	}
	cfg, err := os.ReadFile(".mockery.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	pointed := bytes.Replace(cfg, []byte("\ndir: mocks\n"), []byte("\ndir: "+tmp+"\n"), 1)
	if bytes.Equal(pointed, cfg) {
		t.Fatal(".mockery.yaml has no `dir: mocks` line to point at a temporary directory")
	}
	cfgPath := filepath.Join(tmp, "mockery.yaml")
	if err := os.WriteFile(cfgPath, pointed, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "tool", "mockery", "--config", cfgPath, "--log-level", "error")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go tool mockery: %v\n%s", err, out)
	}
	committed, _ := filepath.Glob("mocks/*.go")
	fresh, _ := filepath.Glob(filepath.Join(tmp, "*.go"))
	if len(fresh) == 0 || len(fresh) != len(committed) {
		t.Fatalf("mockery generated %d file(s), mocks/ holds %d: run `go generate ./...` in %s", len(fresh), len(committed), chapter)
	}
	for _, f := range fresh {
		want, _ := os.ReadFile(f)
		got, err := os.ReadFile(filepath.Join("mocks", filepath.Base(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("mocks/%s is stale: run `go generate ./...` in %s and commit the result", filepath.Base(f), chapter)
		}
	}
}
