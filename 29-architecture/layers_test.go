package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"workbook/29-architecture/archcheck"
)

const mod = "workbook/29-architecture"

// chapterRules is this chapter's dependency rule, written down: arrows
// point inwards (httpapi → service → ports → domain), adapters implement
// ports and know nothing above them, and only main knows everyone.
var chapterRules = []archcheck.Rule{
	{From: mod + "/domain", Forbid: []string{mod + "/", "net/http", "database/sql"},
		Why: "the domain imports nothing of the system"},
	{From: mod + "/trace", Forbid: []string{mod + "/", "net/http"},
		Why: "every layer uses trace, so it may use none"},
	{From: mod + "/ports", Forbid: []string{mod + "/service", mod + "/httpapi", mod + "/adapters", mod + "/edge", mod + "/fakepayment", "net/http", "database/sql"},
		Why: "ports speak the domain's language only"},
	{From: mod + "/service", Forbid: []string{mod + "/httpapi", mod + "/adapters", mod + "/edge", mod + "/fakepayment", "net/http", "database/sql"},
		Why: "the business layer knows ports, not adapters or transports"},
	{From: mod + "/httpapi", Forbid: []string{mod + "/adapters", mod + "/edge", mod + "/fakepayment"},
		Why: "the presentation layer calls the service, never an adapter"},
	{From: mod + "/adapters", Forbid: []string{mod + "/service", mod + "/httpapi", mod + "/edge"},
		Why: "an adapter implements a port and knows nothing above it"},
	{From: mod + "/edge", Forbid: []string{mod + "/service", mod + "/httpapi", mod + "/adapters", mod + "/ports", mod + "/domain"},
		Why: "the edge proxies HTTP; it knows no business"},
	{From: mod + "/fakepayment", Forbid: []string{mod + "/"},
		Why: "the payment provider is someone else's system"},
}

// capstoneRules are the rules of ../capstone/layers_test.go, restated: the
// domain (conduit) and the use cases (service) must not depend on an
// adapter, on net/http or on a database driver; conduit not on service.
func capstoneRules() []archcheck.Rule {
	forbidden := []string{
		"workbook/capstone/httpapi", "workbook/capstone/memory", "workbook/capstone/postgres",
		"workbook/capstone/storetest", "workbook/capstone/docs",
		"net/http", "database/sql", "github.com/jackc/", "github.com/gorilla/", "github.com/lib/pq",
	}
	why := "the inner layers must not know adapters, HTTP or SQL"
	return []archcheck.Rule{
		{From: "workbook/capstone/conduit", Forbid: append([]string{"workbook/capstone/service"}, forbidden...), Why: why},
		{From: "workbook/capstone/service", Forbid: forbidden, Why: why},
	}
}

func TestLayers(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH; go/packages needs it")
	}
	for _, tc := range []struct {
		name, dir string
		patterns  []string
		rules     []archcheck.Rule
	}{
		{"29-architecture", ".", []string{"./..."}, chapterRules},
		{"capstone", "../capstone", []string{"./conduit/...", "./service/..."}, capstoneRules()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			readSources(t, tc.dir)
			got, err := archcheck.Check(tc.dir, tc.patterns, tc.rules)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range got {
				t.Errorf("%s", v)
			}
		})
	}
}

// TestLayerRulesBite makes sure the rules above are not vacuous: main
// imports adapters, and a rule forbidding that must fire.
func TestLayerRulesBite(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH; go/packages needs it")
	}
	got, err := archcheck.Check(".", []string{"."}, []archcheck.Rule{{From: mod, Forbid: []string{mod + "/adapters"}, Why: "x"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Errorf("main imports four adapters; the checker found %d: %v", len(got), got)
	}
}

// readSources reads every Go file under dir. go/packages runs `go list` in
// a child process, which `go test` does not watch; files the test itself
// opens are part of its cache key, so an edited import re-runs it.
func readSources(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".go") || d.Name() == "go.mod") {
			return nil
		}
		_, err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
