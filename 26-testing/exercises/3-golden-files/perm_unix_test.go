//go:build unix

package goldenfiles

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Golden files are ordinary source files: directories 0755, files 0644
// (checked with the umask cleared, so the modes are what the helper asked for).
func TestUpdateModes(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "testdata")
	if f := assert(Golden{Dir: dir, Update: true}, "sub/out", "x\n"); len(f.errors)+len(f.fatals) != 0 {
		t.Fatalf("Assert with Update reported %q %s", f.reported(), edit)
	}
	for path, want := range map[string]os.FileMode{
		dir:                                     0o755,
		filepath.Join(dir, "sub"):               0o755,
		filepath.Join(dir, "sub", "out.golden"): 0o644,
	} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %o, want %o", path, got, want)
		}
	}
}
