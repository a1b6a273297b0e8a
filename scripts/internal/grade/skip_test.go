package grade

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"workbook/scripts/internal/gotest"
)

// ev is one go test -json event for package "p".
func ev(action, test, output string) string {
	b, _ := json.Marshal(gotest.Event{Action: action, Package: "p", Test: test, Output: output, Elapsed: 0.25})
	return string(b)
}

// skipped is the event lines of test skipping with output.
func skipped(test, output string) []string {
	return []string{ev("run", test, ""), ev("output", test, output), ev("skip", test, "")}
}

func passed(test string) []string { return []string{ev("run", test, ""), ev("pass", test, "")} }

func failed(test, output string) []string {
	return []string{ev("run", test, ""), ev("output", test, output), ev("fail", test, "")}
}

// infraSkip is testinfra's skip line, as unavailable prints it.
func infraSkip(file, service, envVar, compose string) string {
	return "    " + file + ": " + service + " unavailable (no Docker engine: dial unix /var/run/docker.sock: connect: no such file or directory): set " +
		envVar + "=x (e.g. `docker compose up -d " + compose + "`) or start Docker\n"
}

var pgSkip = infraSkip("db_test.go:12", "postgres", "WORKBOOK_POSTGRES_URL", "postgres")

func pkgOf(t *testing.T, pkgAction string, groups ...[]string) *gotest.Package {
	t.Helper()
	var lines []string
	for _, g := range groups {
		lines = append(lines, g...)
	}
	lines = append(lines, ev(pkgAction, "", ""))
	return parse(t, lines...)
}

// noEnv makes the grader's environment empty for one test.
func noEnv(t *testing.T, env map[string]string) {
	old := getenv
	getenv = func(k string) string { return env[k] }
	t.Cleanup(func() { getenv = old })
}

func TestEvaluateSkips(t *testing.T) {
	rabbitSkip := infraSkip("q_test.go:30", "rabbitmq", "WORKBOOK_AMQP_URL", "rabbitmq")
	tests := []struct {
		name     string
		pkg      []([]string)
		action   string
		env      map[string]string
		want     Status
		service  string
		services []string
		reason   string
		detail   string
	}{
		{
			name: "one of three tests skipped for PostgreSQL: skipped, not passed",
			pkg:  [][]string{passed("TestA"), passed("TestB"), skipped("TestDB", pgSkip)}, action: "pass",
			want: Skipped, service: "postgres", services: []string{"postgres"}, reason: "needs PostgreSQL",
			detail: "docker compose up -d postgres",
		},
		{
			name: "every test skipped for PostgreSQL",
			pkg:  [][]string{skipped("TestA", pgSkip), skipped("TestB", pgSkip)}, action: "pass",
			want: Skipped, service: "postgres", services: []string{"postgres"}, reason: "needs PostgreSQL",
			detail: "2 tests skipped: TestA, TestB",
		},
		{
			name: "a subtest skipped: not passed either",
			pkg:  [][]string{{ev("run", "TestA", "")}, skipped("TestA/db", pgSkip), {ev("pass", "TestA", "")}}, action: "pass",
			want: Skipped, service: "postgres", services: []string{"postgres"}, reason: "needs PostgreSQL",
		},
		{
			name: "two services",
			pkg:  [][]string{skipped("TestA", pgSkip), skipped("TestB", rabbitSkip)}, action: "pass",
			want: Skipped, service: "postgres", services: []string{"postgres", "rabbitmq"}, reason: "needs PostgreSQL and RabbitMQ",
			detail: "WORKBOOK_AMQP_URL=amqp://",
		},
		{
			name: "a failure wins over a skip",
			pkg:  [][]string{failed("TestA", "    a_test.go:3: got 1, want 2\n"), skipped("TestDB", pgSkip)}, action: "fail",
			want: Fail, service: "postgres", services: []string{"postgres"}, reason: "needs PostgreSQL",
		},
		{
			name: "a skip that is not testinfra's: its first line is the reason",
			pkg:  [][]string{passed("TestA"), skipped("TestB", "    b_test.go:9: protoc not installed\n        second line\n")}, action: "pass",
			want: Skipped, reason: "protoc not installed", detail: "first skip at b_test.go:9",
		},
		{
			name: "t.SkipNow prints nothing",
			pkg:  [][]string{skipped("TestA", "")}, action: "pass",
			want: Skipped, reason: "a test called t.SkipNow",
		},
		{
			name: "skip called from the stub: tampered",
			pkg:  [][]string{passed("TestA"), skipped("TestB", "    add.go:7: skipping\n")}, action: "pass",
			want: Tampered, reason: "skipping", detail: "TestB was skipped from add.go:7, which is not a test file",
		},
		{
			name: "testinfra's message from a non-test file: tampered",
			pkg:  [][]string{skipped("TestB", infraSkip("helper.go:3", "postgres", "WORKBOOK_POSTGRES_URL", "postgres"))}, action: "pass",
			want: Tampered, service: "postgres", services: []string{"postgres"}, detail: "helper.go:3, which is not a test file",
		},
		{
			name: "PostgreSQL reported missing while the grader sets WORKBOOK_POSTGRES_URL: tampered",
			pkg:  [][]string{passed("TestA"), skipped("TestDB", pgSkip)}, action: "pass",
			env:  map[string]string{"WORKBOOK_POSTGRES_URL": "postgres://127.0.0.1/x"},
			want: Tampered, service: "postgres", detail: "WORKBOOK_POSTGRES_URL is set",
		},
		{
			name: "another service's variable does not count",
			pkg:  [][]string{skipped("TestDB", pgSkip)}, action: "pass",
			env:  map[string]string{"WORKBOOK_AMQP_URL": "amqp://x"},
			want: Skipped, service: "postgres",
		},
		{
			name: "log lines before the skip message",
			pkg:  [][]string{skipped("TestDB", "    db_test.go:10: testinfra: starting postgres:16-alpine with Docker\n"+pgSkip)}, action: "pass",
			want: Skipped, service: "postgres", reason: "needs PostgreSQL",
		},
		{
			name: "no skips: pass, no service",
			pkg:  [][]string{passed("TestA")}, action: "pass",
			want: Pass,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noEnv(t, tc.env)
			v := Evaluate(pkgOf(t, tc.action, tc.pkg...), nil)
			if v.Status != tc.want {
				t.Errorf("Status = %q (%s), want %q", v.Status, v.Detail, tc.want)
			}
			if got := v.NeedsService(); got != tc.service && tc.want != Tampered {
				t.Errorf("NeedsService() = %q, want %q", got, tc.service)
			}
			if tc.services != nil && !reflect.DeepEqual(v.NeedsServices(), tc.services) {
				t.Errorf("NeedsServices() = %q, want %q", v.NeedsServices(), tc.services)
			}
			if tc.reason != "" && v.SkipReason() != tc.reason {
				t.Errorf("SkipReason() = %q, want %q", v.SkipReason(), tc.reason)
			}
			if !strings.Contains(v.Detail, tc.detail) {
				t.Errorf("Detail = %q, want it to contain %q", v.Detail, tc.detail)
			}
		})
	}
}

func TestJudgeSkips(t *testing.T) {
	tests := []struct {
		name      string
		out       string
		testsSkip bool
		want      Status
	}{
		{"testinfra's skip is explained either way", pgSkip, false, Skipped},
		{"a skip from a test file that calls Skip", "    a_test.go:4: not on windows\n", true, Skipped},
		{"a skip from a test file that never calls Skip was injected", "    a_test.go:4: not on windows\n", false, Tampered},
		{"t.SkipNow where the tests never skip", "", false, Tampered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noEnv(t, nil)
			v := Evaluate(pkgOf(t, "pass", passed("TestA"), skipped("TestB", tc.out)), nil).JudgeSkips(tc.testsSkip)
			if v.Status != tc.want {
				t.Errorf("JudgeSkips(%v) = %q (%s), want %q", tc.testsSkip, v.Status, v.Detail, tc.want)
			}
		})
	}
	if v := (Verdict{Status: Fail}).JudgeSkips(false); v.Status != Fail {
		t.Errorf("JudgeSkips on a failure = %q, want it unchanged", v.Status)
	}
}

func TestTestsCallSkip(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"only testinfra", map[string]string{"db_test.go": "package p\nimport (\"testing\"; \"workbook/testinfra\")\nfunc TestA(t *testing.T) { testinfra.Postgres(t) }\n"}, false},
		{"t.Skip in a helper", map[string]string{"a_test.go": "package p\nimport \"testing\"\nfunc need(t *testing.T) { t.Helper(); t.Skip(\"x\") }\n"}, true},
		{"t.Skipf", map[string]string{"a_test.go": "package p\nimport \"testing\"\nfunc TestA(t *testing.T) { t.Skipf(\"%d\", 1) }\n"}, true},
		{"a Skip in the stub does not count", map[string]string{"a.go": "package p\nfunc f(t interface{ SkipNow() }) { t.SkipNow() }\n", "a_test.go": "package p\n"}, false},
		{"a test file that does not parse: assume it may skip", map[string]string{"a_test.go": "package p\nfunc {"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := TestsCallSkip(dir)
			if err != nil || got != tc.want {
				t.Errorf("TestsCallSkip() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// TestServicesMatchTestinfra reads testinfra's service table from its
// source, so that the skip messages grade parses and the start commands it
// prints stay what testinfra really says.
func TestServicesMatchTestinfra(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "testinfra")
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(names) == 0 {
		t.Fatalf("testinfra's source is not beside scripts (%v)", err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	consts := map[string]string{}
	type svc struct{ name, envVar, compose, example string }
	var found []svc
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if i < len(n.Values) {
						if lit, ok := n.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[id.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); !ok || id.Name != "service" {
					return true
				}
				var s svc
				for _, e := range n.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					val := ""
					switch v := kv.Value.(type) {
					case *ast.BasicLit:
						val, _ = strconv.Unquote(v.Value)
					case *ast.Ident:
						val = "const:" + v.Name
					}
					switch kv.Key.(*ast.Ident).Name {
					case "name":
						s.name = val
					case "envVar":
						s.envVar = val
					case "compose":
						s.compose = val
					case "example":
						s.example = val
					}
				}
				found = append(found, s)
			}
			return true
		})
	}
	if len(found) != len(Services) {
		t.Fatalf("testinfra declares %d services, grade.Services has %d", len(found), len(Services))
	}
	for _, s := range found {
		name := s.name
		if c, ok := strings.CutPrefix(name, "const:"); ok {
			name = consts[c]
		}
		got, ok := LookupService(name)
		if !ok {
			t.Errorf("testinfra's service %q is not in grade.Services", name)
			continue
		}
		if got.EnvVar != s.envVar || got.Compose != s.compose || got.Example != s.example {
			t.Errorf("grade.Services[%q] = %+v, testinfra says env %q, compose %q, example %q", name, got, s.envVar, s.compose, s.example)
		}
	}
	// The message format unavailable writes.
	src, err := os.ReadFile(filepath.Join(dir, "testinfra.go"))
	if err != nil {
		t.Fatal(err)
	}
	const format = "\"%s unavailable (%s): set %s=%s (e.g. `docker compose up -d %s`) or start Docker\""
	if !strings.Contains(string(src), format) {
		t.Errorf("testinfra.go no longer formats its skip as %s; update unavailableMsg in skip.go", format)
	}
}
