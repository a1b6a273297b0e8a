// Package workspace finds the workbook's root and its modules.
package workspace

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoRoot is returned by FindRoot when no go.work is found.
var ErrNoRoot = errors.New("workspace: no go.work found in this directory or any parent; run the command inside the workbook checkout")

// FindRoot walks up from dir to the first directory that holds a go.work
// file and returns it.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if fi, err := os.Stat(filepath.Join(dir, "go.work")); err == nil && !fi.IsDir() {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoRoot
		}
		dir = parent
	}
}

// Module is one module of the workspace.
type Module struct {
	// Path is the module path, e.g. "workbook/01-http".
	Path string
	// Dir is the module's absolute directory.
	Dir string
}

// Name is the module directory's base name, e.g. "01-http".
func (m Module) Name() string { return filepath.Base(m.Dir) }

// Modules lists the workspace's modules with `go list -m`, run at root, in
// go.work order.
func Modules(ctx context.Context, root string) ([]Module, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Path}}\t{{.Dir}}")
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go list -m (in %s) failed: %v\n%s", root, err, strings.TrimSpace(stderr.String()))
	}
	var mods []Module
	for _, line := range strings.Split(stdout.String(), "\n") {
		path, dir, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok || dir == "" {
			continue
		}
		mods = append(mods, Module{Path: path, Dir: dir})
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("go list -m (in %s) listed no modules; is go.work's use list empty?", root)
	}
	return mods, nil
}

// HasGoFiles reports whether the module in dir has any .go file outside
// testdata, vendor and hidden or underscore directories — that is, whether
// `go vet ./...` would find a package there.
func HasGoFiles(dir string) bool {
	found := errors.New("found")
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if path != dir {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir // a nested module is not part of this one
				}
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") {
			return found
		}
		return nil
	})
	return err == found
}
