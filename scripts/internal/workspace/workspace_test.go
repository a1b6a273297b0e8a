package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindRoot(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "01-http", "exercises", "1-x")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.work"), []byte("go 1.25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{root, deep} {
		got, err := FindRoot(dir)
		if err != nil || got != root {
			t.Errorf("FindRoot(%q) = %q, %v; want %q", dir, got, err, root)
		}
	}
	if _, err := FindRoot(t.TempDir()); err != ErrNoRoot {
		t.Errorf("FindRoot(no go.work) error = %v, want ErrNoRoot", err)
	}
}

func TestHasGoFiles(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  bool
	}{
		{"only go.mod", []string{"go.mod"}, false},
		{"only testdata", []string{"go.mod", "testdata/x.go"}, false},
		{"only a nested module", []string{"go.mod", "sub/go.mod", "sub/x.go"}, false},
		{"a package", []string{"go.mod", "pkg/x.go"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(f))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := HasGoFiles(dir); got != tc.want {
				t.Errorf("HasGoFiles(%v) = %v, want %v", tc.files, got, tc.want)
			}
		})
	}
}
