package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture copies testdata/workspace (one chapter, two exercises) into a
// temporary directory and makes it a workspace of its own.
func fixture(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "workspace")
	dst := t.TempDir()
	copyTree(t, src, dst)
	if err := os.WriteFile(filepath.Join(dst, "go.work"), []byte("go 1.25\n\nuse ./01-fixture\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// run invokes the command as main does, with dir as the working directory.
func run(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	app := &App{Dir: dir, Stdout: &out, Stderr: &errs, Getenv: func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}}
	code = app.Main(context.Background(), args)
	return code, out.String(), errs.String()
}

func writeFile(t *testing.T, name, body string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEndToEnd drives the real code path, go tool included, over the
// fixture: sums, check, list, hint, then grade after the learner solved one
// exercise and edited the other's test file.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	root := fixture(t)
	exDir := filepath.Join(root, "01-fixture", "exercises")

	if code, out, errs := run(t, root, "sums"); code != 0 || !strings.Contains(out, "4 files from 2 exercises") {
		t.Fatalf("sums = %d %q %q, want 0 and 4 files", code, out, errs)
	}
	sum, _ := os.ReadFile(filepath.Join(root, "exercises.sum"))
	if !strings.Contains(string(sum), "  01-fixture/exercises/2-greet/greet_solution.go\n") {
		t.Errorf("exercises.sum = %q, want solution files listed with root-relative paths", sum)
	}

	// From a subdirectory: the root is found by walking up to go.work.
	code, out, errs := run(t, exDir, "check")
	if code != 0 || !strings.Contains(out, "01-fixture/1-add") || !strings.Contains(out, "✓ fails") {
		t.Fatalf("check = %d\n%s\n%s\nwant 0 with every exercise failing on its stub", code, out, errs)
	}
	if !strings.Contains(out, "TestGreetEmpty passes against the stub") {
		t.Errorf("check output lacks the warning about a test passing on the stub:\n%s", out)
	}

	code, out, _ = run(t, root, "list")
	if code != 0 || !strings.Contains(out, "[----------] 0/2") || strings.Count(out, "not started") != 2 {
		t.Errorf("list = %d\n%s\nwant two exercises not started", code, out)
	}

	code, out, _ = run(t, root, "hint", "greet", "--level", "3")
	if code != 0 || !strings.Contains(out, "Hint 3/3") || strings.Contains(out, "Hint 1/3") || strings.Contains(out, "package greet") {
		t.Errorf("hint = %d\n%s\nwant hint 3 alone and no solution source", code, out)
	}

	// The learner solves 1-add and "fixes" 2-greet by emptying its tests.
	ref, _ := os.ReadFile(filepath.Join(exDir, "1-add", "add_solution.go"))
	writeFile(t, filepath.Join(exDir, "1-add", "add.go"), strings.Replace(string(ref), "//go:build solution", "//go:build !solution", 1))
	writeFile(t, filepath.Join(exDir, "2-greet", "greet_test.go"), "package greet\n\nimport \"testing\"\n\nfunc TestGreet(t *testing.T) {}\n\nfunc TestGreetEmpty(t *testing.T) {}\n")

	code, out, _ = run(t, root, "verify")
	if code != 0 {
		t.Errorf("verify = %d, want 0 (both pass as left)\n%s", code, out)
	}
	if !strings.Contains(out, "greet_test.go modified") {
		t.Errorf("verify output does not warn about the edited test:\n%s", out)
	}

	jsonPath := filepath.Join(root, "results.json")
	code, out, errs = run(t, root, "grade", "--json", jsonPath, "--junit", filepath.Join(root, "junit.xml"))
	if code != 0 {
		t.Fatalf("grade = %d, want 0 (a report)\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "Score: 1/3 points") || !strings.Contains(out, "greet_test.go (modified)") {
		t.Errorf("grade scoreboard:\n%s\nwant 1/3 points and the modified test named", out)
	}
	raw, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Version   int    `json:"version"`
		Status    string `json:"status"`
		Score     int    `json:"score"`
		MaxScore  int    `json:"max_score"`
		Exercises []struct {
			Exercise string   `json:"exercise"`
			Status   string   `json:"status"`
			Points   int      `json:"points"`
			Tampered []string `json:"tampered"`
		} `json:"exercises"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	if res.Version != 3 || res.Status != "fail" || res.Score != 1 || res.MaxScore != 3 || len(res.Exercises) != 2 {
		t.Fatalf("results = %+v, want v3 fail 1/3 with two exercises", res)
	}
	if e := res.Exercises[0]; e.Exercise != "1-add" || e.Status != "pass" || e.Points != 1 {
		t.Errorf("1-add = %+v, want pass with 1 point", e)
	}
	if e := res.Exercises[1]; e.Status != "tampered" || e.Points != 0 || len(e.Tampered) != 1 || e.Tampered[0] != "01-fixture/exercises/2-greet/greet_test.go" {
		t.Errorf("2-greet = %+v, want tampered, 0 points, the test file named", e)
	}
	if !strings.Contains(string(raw), `"test_code": "tests := []struct {\n\tname       string`) {
		t.Errorf("results.json has no test_code (the body, de-indented) for TestAdd:\n%s", raw)
	}
	if _, err := os.Stat(filepath.Join(root, "junit.xml")); err != nil {
		t.Errorf("junit.xml not written: %v", err)
	}
}

// TestHint shows one tier at a time, from hints.md, never the README's text
// or the reference, and finds the exercise by any unique part of its ID.
func TestHint(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	root := fixture(t)
	greet := filepath.Join(root, "01-fixture", "exercises", "2-greet")
	hints, err := os.ReadFile(filepath.Join(greet, "hints.md"))
	if err != nil {
		t.Fatal(err)
	}
	tier := func(n int) string { // the text of "## Hint n" in the fixture
		_, after, _ := strings.Cut(string(hints), fmt.Sprintf("## Hint %d\n", n))
		text, _, _ := strings.Cut(after, "## Hint")
		return strings.TrimSpace(text)
	}
	tests := []struct {
		args      []string
		level     int    // the one tier that must be shown
		wantNext  string // the "Still stuck?" line, "" at the last level
		wantTitle string
	}{
		{[]string{"hint", "greet"}, 1, "Still stuck? go run ./scripts/workbook hint 2-greet --level 2", "Greet someone by name"},
		{[]string{"hint", "2-greet", "--level", "2"}, 2, "Still stuck? go run ./scripts/workbook hint 2-greet --level 3", "Greet someone by name"},
		{[]string{"hint", "--level=3", "01-fixture/2-greet"}, 3, "", "Greet someone by name"},
		{[]string{"hint", "ree"}, 1, "--level 2", "Greet someone by name"},             // a substring of the name
		{[]string{"hint", "fixture/1"}, 1, "hint 1-add --level 2", "Add two integers"}, // a substring of the ID
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := run(t, root, tc.args...)
			if code != 0 {
				t.Fatalf("workbook %v = %d\n%s%s", tc.args, code, out, errs)
			}
			if !strings.Contains(out, tc.wantTitle) || !strings.Contains(out, fmt.Sprintf("Hint %d/3", tc.level)) {
				t.Errorf("workbook %v:\n%s\nwant %q and \"Hint %d/3\"", tc.args, out, tc.wantTitle, tc.level)
			}
			if tc.wantTitle == "Greet someone by name" && !strings.Contains(out, tier(tc.level)) {
				t.Errorf("workbook %v:\n%s\nwant the text of hint %d: %q", tc.args, out, tc.level, tier(tc.level))
			}
			for n := 1; n <= 3; n++ {
				if n != tc.level && strings.Contains(out, fmt.Sprintf("Hint %d/3", n)) {
					t.Errorf("workbook %v shows hint %d too:\n%s", tc.args, n, out)
				}
			}
			if tc.wantNext != "" && !strings.Contains(out, tc.wantNext) {
				t.Errorf("workbook %v:\n%s\nwant %q", tc.args, out, tc.wantNext)
			}
			if tc.wantNext == "" && strings.Contains(out, "Still stuck?") {
				t.Errorf("workbook %v offers a level after the last:\n%s", tc.args, out)
			}
			if strings.Contains(out, "package greet") || strings.Contains(out, "## Task") {
				t.Errorf("workbook %v prints source or README text:\n%s", tc.args, out)
			}
		})
	}

	// "e" is in both IDs: the error lists them.
	if code, _, errs := run(t, root, "hint", "e"); code == 0 || !strings.Contains(errs, "01-fixture/1-add, 01-fixture/2-greet") {
		t.Errorf("hint e = %d %q, want an error listing both exercises", code, errs)
	}

	// A missing tier says so instead of printing another; check reports it,
	// and a README that still carries hints.
	writeFile(t, filepath.Join(greet, "hints.md"), "# Hints: Greet someone by name\n\n## Hint 1\n\nCheck the empty name first.\n")
	readme, _ := os.ReadFile(filepath.Join(greet, "README.md"))
	writeFile(t, filepath.Join(greet, "README.md"), string(readme)+"\n## Hints\n### Hint 1\nold\n")
	code, out, _ := run(t, root, "hint", "greet", "--level", "2")
	if code != 0 || !strings.Contains(out, "no hint 2 yet") || strings.Contains(out, "Check the empty name") {
		t.Errorf("hint greet --level 2 with no tier 2 = %d\n%s\nwant \"no hint 2 yet\" and not tier 1", code, out)
	}
	code, out, _ = run(t, root, "check")
	for _, want := range []string{"hints belong in hints.md", `hints.md: missing "## Hint 2"`, `hints.md: missing "## Hint 3"`} {
		if code == 0 || !strings.Contains(out, want) {
			t.Errorf("check = %d, want a failure naming %q:\n%s", code, want, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"hint"}, 2, "name one exercise"},
		{[]string{"hint", "x", "--level", "4"}, 2, "--level must be 1, 2 or 3"},
		{[]string{"next", "extra"}, 2, "takes no arguments"},
		{[]string{"sums", "extra"}, 2, "takes no arguments"},
	}
	for _, tc := range tests {
		code, _, errs := run(t, t.TempDir(), tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("workbook %v = %d %q, want %d and %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
	code, _, errs := run(t, t.TempDir(), "list")
	if code != 2 || !strings.Contains(errs, "no go.work found") {
		t.Errorf("list outside a workspace = %d %q, want 2 and a hint about go.work", code, errs)
	}
	if code, out, _ := run(t, t.TempDir(), "help"); code != 0 || !strings.Contains(out, "Instructor commands") {
		t.Errorf("help = %d %q", code, out)
	}
}

func TestSelectModules(t *testing.T) {
	// selectModules only looks at directory names.
	mods, err := selectModules(nil, "")
	if err != nil || mods != nil {
		t.Errorf("selectModules(nil, \"\") = %v, %v", mods, err)
	}
	if _, err := selectModules(nil, "nope"); err == nil {
		t.Error("selectModules with an unknown module = nil error, want one")
	}
}
