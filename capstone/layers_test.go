package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLayers keeps the architecture honest: the domain (conduit) and the
// use cases (service) must not depend, even indirectly, on an adapter, on
// net/http or on a database driver. `go list -deps` sees transitive imports,
// so a violation three packages deep still fails here.
func TestLayers(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	readSources(t)
	forbidden := []string{
		"workbook/capstone/httpapi", "workbook/capstone/memory", "workbook/capstone/postgres",
		"workbook/capstone/storetest", "workbook/capstone/docs",
		"net/http", "database/sql", "github.com/jackc/", "github.com/gorilla/", "github.com/lib/pq",
	}
	inner := map[string][]string{
		"./conduit": append([]string{"workbook/capstone/service"}, forbidden...),
		"./service": forbidden,
	}
	for pkg, banned := range inner {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range banned {
				if dep == b || (strings.HasSuffix(b, "/") && strings.HasPrefix(dep, b)) || strings.HasPrefix(dep, b+"/") {
					t.Errorf("%s depends on %s: the inner layers must not know adapters, HTTP or SQL", pkg, dep)
				}
			}
		}
	}
}

// readSources reads every Go file of the module. The test's verdict comes
// from a child process, which `go test` does not watch; files the test
// itself opens are part of its cache key, so an edited import re-runs it.
func readSources(t *testing.T) {
	t.Helper()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".go") || path == "go.mod") {
			return err
		}
		_, err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
