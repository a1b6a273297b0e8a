package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"workbook/28-openapi/docs"
	"workbook/28-openapi/spec"
)

// The three generated artefacts are committed, so that a reader sees them
// and `go build` needs no generator. Each test below regenerates one into a
// temporary directory with the tool pinned in go.mod and fails when the
// committed copy differs: run `go generate` in 28-openapi/ after changing an
// annotation, a type or the conversion, and commit the result.

func goTool(t *testing.T, args ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("regenerating builds the pinned tool; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	cmd := exec.Command("go", append([]string{"tool"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go tool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func sameFile(t *testing.T, generated, committed string) {
	t.Helper()
	want, err := os.ReadFile(generated)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(committed)
	if err != nil {
		t.Fatalf("committed file: %v (run go generate)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run `go generate` in 28-openapi/ and commit the result", committed)
	}
}

// TestDocsUpToDate: docs/ is what swag makes of today's annotations.
func TestDocsUpToDate(t *testing.T) {
	tmp := t.TempDir()
	goTool(t, "swag", "init", "--quiet", "--exclude", "exercises", "--generalInfo", "routes.go", "--output", tmp,
		"--outputTypes", "go,json,yaml", "--packageName", "docs")
	for _, name := range []string{"docs.go", "swagger.json", "swagger.yaml"} {
		sameFile(t, filepath.Join(tmp, name), filepath.Join("docs", name))
	}
}

// TestOpenAPI3UpToDate: docs/openapi3.json, which oapi-codegen reads, is
// what the server serves at /openapi.json.
func TestOpenAPI3UpToDate(t *testing.T) {
	doc3, err := spec.V3([]byte(docs.SwaggerInfo.ReadDoc()))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(doc3, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(t.TempDir(), "openapi3.json")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	sameFile(t, tmp, filepath.Join("docs", "openapi3.json"))
}

// TestClientUpToDate: client/client.gen.go is what oapi-codegen makes of
// docs/openapi3.json with client/oapi-codegen.yaml.
func TestClientUpToDate(t *testing.T) {
	cfg, err := os.ReadFile(filepath.Join("client", "oapi-codegen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "client.gen.go")
	cfg = bytes.Replace(cfg, []byte("output: client/client.gen.go"), []byte("output: "+out), 1)
	cfgPath := filepath.Join(tmp, "oapi-codegen.yaml")
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	goTool(t, "oapi-codegen", "-config", cfgPath, filepath.Join("docs", "openapi3.json"))
	sameFile(t, out, filepath.Join("client", "client.gen.go"))
}
