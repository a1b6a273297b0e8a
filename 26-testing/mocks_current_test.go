package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMocksAreCurrent regenerates the mockery mocks into a temporary
// directory with the pinned mockery (`go tool mockery`) and fails when the
// committed files differ: a changed interface must come with regenerated mocks.
func TestMocksAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping mock regeneration (builds mockery)")
	}
	cfg, err := os.ReadFile(".mockery.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	cfg = bytes.Replace(cfg, []byte("\ndir: mocks\n"), []byte("\ndir: "+tmp+"\n"), 1)
	cfgPath := filepath.Join(tmp, "mockery.yaml")
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "tool", "mockery", "--config", cfgPath, "--log-level", "error")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go tool mockery: %v\n%s", err, out)
	}
	committed, _ := filepath.Glob("mocks/*.go")
	fresh, _ := filepath.Glob(filepath.Join(tmp, "*.go"))
	if len(fresh) == 0 || len(fresh) != len(committed) {
		t.Fatalf("mockery generated %d file(s), mocks/ holds %d: run `go generate ./...` in 26-testing", len(fresh), len(committed))
	}
	for _, f := range fresh {
		want, _ := os.ReadFile(f)
		got, err := os.ReadFile(filepath.Join("mocks", filepath.Base(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("mocks/%s is stale: run `go generate ./...` in 26-testing and commit the result", filepath.Base(f))
		}
	}
	if !strings.Contains(string(cfg), tmp) {
		t.Fatal("could not point the mockery config at the temporary directory")
	}
}
