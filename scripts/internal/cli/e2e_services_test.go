package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// servicesFixture is the fixture workspace with its second chapter,
// 02-services, whose exercise 1-count has a types.go and a test that skips
// like testinfra when WORKBOOK_POSTGRES_URL is not set. The learner has
// solved the stub.
func servicesFixture(t *testing.T, chapters ...string) (root, exDir string) {
	t.Helper()
	root = fixture(t)
	work := "go 1.25\n\n"
	for _, ch := range chapters {
		work += "use ./" + ch + "\n"
	}
	writeFile(t, filepath.Join(root, "go.work"), work)
	exDir = filepath.Join(root, "02-services", "exercises", "1-count")
	solve(t, exDir, "count")
	return root, exDir
}

// solve replaces the stub name.go with the reference.
func solve(t *testing.T, exDir, name string) {
	t.Helper()
	ref, err := os.ReadFile(filepath.Join(exDir, name+"_solution.go"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(exDir, name+".go"), strings.Replace(string(ref), "//go:build solution", "//go:build !solution", 1))
}

func mustContain(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, out)
		}
	}
}

// TestSkippedIsNotPassed: without PostgreSQL, a solved exercise whose
// database test skips is "skipped — needs PostgreSQL" in list, verify,
// next and grade, earns nothing, and verify fails saying what to start.
func TestSkippedIsNotPassed(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	t.Setenv("WORKBOOK_POSTGRES_URL", "")
	root, _ := servicesFixture(t, "01-fixture", "02-services")

	code, out, errs := run(t, root, "sums")
	if code != 0 || !strings.Contains(out, "from 3 exercises") {
		t.Fatalf("sums = %d %q %q", code, out, errs)
	}
	sum, _ := os.ReadFile(filepath.Join(root, "exercises.sum"))
	if !strings.Contains(string(sum), "  02-services/exercises/1-count/types.go\n") || strings.Contains(string(sum), "1-count/count.go\n") {
		t.Errorf("exercises.sum = %s\nwant types.go listed and the stub count.go not", sum)
	}

	// list takes chapters, like verify.
	code, out, _ = run(t, root, "list", "02")
	if code != 0 || strings.Contains(out, "01-fixture") || strings.Contains(out, "passed") {
		t.Errorf("list 02 = %d, want 0, only 02-services, nothing passed:\n%s", code, out)
	}
	mustContain(t, "list 02", out, "skipped — needs PostgreSQL", "[----------] 0/1", "docker compose up -d postgres")

	code, out, _ = run(t, root, "verify", "services")
	if code != 1 {
		t.Errorf("verify services = %d, want 1: a skipped test is not a pass\n%s", code, out)
	}
	mustContain(t, "verify services", out, "skipped — needs PostgreSQL", "docker compose up -d postgres", "WORKBOOK_POSTGRES_URL=postgres://")

	jsonPath, xmlPath := filepath.Join(root, "r.json"), filepath.Join(root, "junit.xml")
	code, out, errs = run(t, root, "grade", "02-services", "--json", jsonPath, "--junit", xmlPath)
	if code != 0 {
		t.Fatalf("grade = %d\n%s%s", code, out, errs)
	}
	mustContain(t, "grade", out, "! skipped — needs PostgreSQL", "0/2", "Score: 0/2 points", "docker compose up -d postgres")
	raw, _ := os.ReadFile(jsonPath)
	var res struct {
		Status    string  `json:"status"`
		Message   *string `json:"message"`
		Exercises []struct {
			Status        string   `json:"status"`
			Points        int      `json:"points"`
			NeedsServices []string `json:"needs_services"`
			Skipped       int      `json:"tests_skipped"`
		} `json:"exercises"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	if res.Status != "fail" || res.Message != nil || len(res.Exercises) != 1 {
		t.Fatalf("results = %s, want status fail, no top-level message, one exercise", raw)
	}
	if e := res.Exercises[0]; e.Status != "skipped" || e.Points != 0 || e.Skipped != 1 || len(e.NeedsServices) != 1 || e.NeedsServices[0] != "postgres" {
		t.Errorf("exercise = %+v, want skipped, 0 points, 1 test skipped, needs postgres", e)
	}
	junit, _ := os.ReadFile(xmlPath)
	mustContain(t, "junit.xml", string(junit), `<testsuite name="02-services/1-count" tests="2" failures="0" errors="0" skipped="1" time="`, `<testcase name="TestCount" classname="02-services/1-count" time="`)

	// next stops at the skipped exercise and says what to start.
	writeFile(t, filepath.Join(root, "go.work"), "go 1.25\n\nuse ./02-services\n")
	code, out, _ = run(t, root, "next")
	if code != 0 {
		t.Errorf("next = %d\n%s", code, out)
	}
	mustContain(t, "next", out, "Next up: 02-services/1-count", "skipped — needs PostgreSQL", "docker compose up -d postgres")

	// With the service there, the same checkout passes.
	t.Setenv("WORKBOOK_POSTGRES_URL", "postgres://fixture")
	code, out, _ = run(t, root, "grade")
	if code != 0 || !strings.Contains(out, "Score: 2/2 points") {
		t.Errorf("grade with WORKBOOK_POSTGRES_URL set = %d, want 2/2 points:\n%s", code, out)
	}
}

// TestTamperedExercise: a changed types.go, an added test file, and a skip
// injected by the code under test each make the exercise tampered, and
// list says how to undo a changed or added file.
func TestTamperedExercise(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	t.Setenv("WORKBOOK_POSTGRES_URL", "postgres://fixture")
	root, exDir := servicesFixture(t, "02-services")
	if code, out, errs := run(t, root, "sums"); code != 0 {
		t.Fatalf("sums = %d %q %q", code, out, errs)
	}
	if code, out, _ := run(t, root, "grade"); code != 0 || !strings.Contains(out, "Score: 2/2 points") {
		t.Fatalf("grade of the solved fixture = %d, want 2/2:\n%s", code, out)
	}

	// The stub hides the service from its own tests to dodge them: the
	// test then skips as if PostgreSQL were missing, though the grader
	// configures it.
	stub, _ := os.ReadFile(filepath.Join(exDir, "count.go"))
	writeFile(t, filepath.Join(exDir, "count.go"), strings.Replace(string(stub), "package count\n", "package count\n\nimport \"os\"\n\nfunc init() { os.Unsetenv(\"WORKBOOK_POSTGRES_URL\") }\n", 1))
	code, out, _ := run(t, root, "grade")
	if code != 0 {
		t.Fatalf("grade = %d\n%s", code, out)
	}
	mustContain(t, "grade with an injected skip", out, "! tampered", "injected skip", "Score: 0/2 points")
	code, out, _ = run(t, root, "verify")
	if code != 1 {
		t.Errorf("verify with an injected skip = %d, want 1\n%s", code, out)
	}
	mustContain(t, "verify with an injected skip", out, "tampered:", "WORKBOOK_POSTGRES_URL is set")
	solve(t, exDir, "count")

	// A changed types.go and an added test file.
	types, _ := os.ReadFile(filepath.Join(exDir, "types.go"))
	writeFile(t, filepath.Join(exDir, "types.go"), string(types)+"\n// Edited by the learner.\n")
	writeFile(t, filepath.Join(exDir, "extra_test.go"), "package count\n\nimport \"testing\"\n\nfunc TestExtra(t *testing.T) {}\n")
	code, out, _ = run(t, root, "list")
	if code != 0 {
		t.Fatalf("list = %d\n%s", code, out)
	}
	mustContain(t, "list", out, "types.go modified", "extra_test.go added",
		"git checkout -- 02-services/exercises/1-count/types.go", "rm 02-services/exercises/1-count/extra_test.go")
	if strings.Contains(out, "git checkout -- 02-services/exercises/1-count/extra_test.go") {
		t.Errorf("list advises git checkout for an added file, which does not remove it:\n%s", out)
	}
	code, out, _ = run(t, root, "grade")
	if code != 0 {
		t.Fatalf("grade = %d\n%s", code, out)
	}
	mustContain(t, "grade", out, "! tampered", "extra_test.go (extra)", "types.go (modified)", "Score: 0/2 points")
}
