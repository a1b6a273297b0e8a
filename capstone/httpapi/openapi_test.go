package httpapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// TestDocsUpToDate regenerates the OpenAPI docs into a temporary directory
// with the swag pinned in go.mod and fails when the committed ones differ:
// run `go generate ./httpapi` (from capstone/) after changing an annotation.
func TestDocsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerating the docs builds swag; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	tmp := t.TempDir()
	cmd := exec.Command("go", "tool", "swag", "init", "--quiet", "--dir", ".,../conduit", "--generalInfo", "server.go",
		"--output", tmp, "--outputTypes", "go,json,yaml", "--packageName", "docs")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go tool swag init: %v\n%s", err, out)
	}
	for _, name := range []string{"docs.go", "swagger.json", "swagger.yaml"} {
		want, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", "docs", name))
		if err != nil {
			t.Fatalf("committed docs: %v (run go generate ./httpapi)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("docs/%s is stale: run `go generate ./httpapi` in capstone/ and commit the result", name)
		}
	}
}

// specPath is the RealWorld spec, beside the workbook repository.
func specPath() string {
	if p := os.Getenv("CONDUIT_OPENAPI"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "..", "shared", "conformance", "realworld", "openapi.yml")
}

var param = regexp.MustCompile(`\{[^}]*\}`)

// normalize turns "/articles/{slug}" and "/articles/{id}" into "/articles/{}".
func normalize(path string) string { return param.ReplaceAllString(path, "{}") }

// specOperations reads "METHOD /path" pairs from the RealWorld openapi.yml:
// paths are the two-space-indented keys under `paths:`, methods the
// four-space-indented keys under each path.
func specOperations(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(specPath())
	if err != nil {
		t.Skipf("RealWorld spec not found (%v); set CONDUIT_OPENAPI to its openapi.yml", err)
	}
	defer f.Close()
	var ops []string
	inPaths, path := false, ""
	pathRe := regexp.MustCompile(`^  (/\S*):\s*$`)
	methodRe := regexp.MustCompile(`^    (get|put|post|delete|patch|head|options):\s*$`)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "paths:":
			inPaths = true
		case inPaths && len(line) > 0 && line[0] != ' ':
			inPaths = false
		case inPaths && pathRe.MatchString(line):
			path = pathRe.FindStringSubmatch(line)[1]
		case inPaths && path != "" && methodRe.MatchString(line):
			ops = append(ops, strings.ToUpper(methodRe.FindStringSubmatch(line)[1])+" "+normalize(path))
		}
	}
	if len(ops) < 19 {
		t.Fatalf("read %d operations from %s, want the 19 of RealWorld: has the file's layout changed?", len(ops), specPath())
	}
	return ops
}

// TestSpecCoverage checks that every operation of the RealWorld spec is
// both documented in our generated OpenAPI and served by our router.
func TestSpecCoverage(t *testing.T) {
	ops := specOperations(t)

	raw, err := os.ReadFile(filepath.Join("..", "docs", "swagger.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		BasePath string                    `json:"basePath"`
		Paths    map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var documented []string
	for p, methods := range doc.Paths {
		for m := range methods {
			documented = append(documented, strings.ToUpper(m)+" "+normalize(p))
		}
	}

	var served []string
	s := newTestServer(t)
	err = s.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tmpl, err := route.GetPathTemplate()
		if err != nil || !strings.HasPrefix(tmpl, "/api/") {
			return nil
		}
		methods, _ := route.GetMethods()
		for _, m := range methods {
			served = append(served, m+" "+normalize(strings.TrimPrefix(tmpl, "/api")))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	if doc.BasePath != "/api" {
		t.Errorf("our basePath = %q, want /api like the spec's server URL", doc.BasePath)
	}
	for _, op := range ops {
		if !slices.Contains(documented, op) {
			t.Errorf("RealWorld operation %s is missing from docs/swagger.json", op)
		}
		if !slices.Contains(served, op) {
			t.Errorf("RealWorld operation %s is not served by the router", op)
		}
	}
}
