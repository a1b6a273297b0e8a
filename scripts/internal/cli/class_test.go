package cli

import (
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"workbook/scripts/internal/class"
)

// copyTree copies the files under src into dst, creating directories.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// classFixture builds a folder of clones: the instructor's checkout (the
// fixture workspace with its exercises.sum) copied once per learner, with
// testdata/class/<learner> laid over it, plus three odd cases made here.
func classFixture(t *testing.T) (instructor, classDir string) {
	t.Helper()
	instructor = fixture(t)
	if code, out, errs := run(t, instructor, "sums"); code != 0 {
		t.Fatalf("sums = %d %q %q", code, out, errs)
	}
	classDir = filepath.Join(t.TempDir(), "class")
	overlays := filepath.Join("..", "..", "testdata", "class")
	for _, name := range []string{"ada", "ben", "cleo", "dora"} {
		clone := filepath.Join(classDir, name)
		copyTree(t, instructor, clone)
		overlay := name
		if name == "dora" {
			overlay = "cleo" // cleo's edits, and then a rewritten exercises.sum
		}
		copyTree(t, filepath.Join(overlays, overlay), clone)
	}
	// dora covers her tracks: exercises.sum now matches her emptied tests,
	// so only the instructor's sum shows them.
	if code, out, errs := run(t, filepath.Join(classDir, "dora"), "sums"); code != 0 {
		t.Fatalf("sums in dora = %d %q %q", code, out, errs)
	}
	// A folder that is not a clone, and a clone whose go.work grades
	// another learner's work.
	writeFileAll(t, filepath.Join(classDir, "notes", "todo.txt"), "grade by Friday\n")
	writeFileAll(t, filepath.Join(classDir, "eve", "go.work"), "go 1.25\n\nuse ../ada/01-fixture\n")
	// Hidden directories are not learners.
	writeFileAll(t, filepath.Join(classDir, ".git", "HEAD"), "ref: refs/heads/main\n")
	return instructor, classDir
}

func writeFileAll(t *testing.T, name, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, name, body)
}

// TestGradeClass runs `grade --class` over the fixture clones, go tool
// included, and reads back every file it writes.
func TestGradeClass(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	instructor, classDir := classFixture(t)
	code, out, errs := run(t, instructor, "grade", "--class", classDir, "--jobs", "2")
	if code != 0 {
		t.Fatalf("grade --class = %d, want 0 (a report)\n%s\n%s", code, out, errs)
	}
	report := classDir + "-report" // the default: beside the class folder
	for _, want := range []string{"ada", "3/3 100.0%", "Class average", "Wrote " + filepath.Join(report, "index.html"), "not a clone of the workbook"} {
		if !strings.Contains(out, want) {
			t.Errorf("grade --class output lacks %q:\n%s", want, out)
		}
	}

	// class.csv: a row per learner, status and points per exercise.
	f, err := os.Open(filepath.Join(report, "class.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := records[0]
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"learner", "score", "max_score", "percent", "passed", "tampered", "01-fixture points", "01-fixture/1-add", "01-fixture/1-add points", "01-fixture/2-greet", "01-fixture/2-greet points", "error", "notes"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("class.csv header %q lacks %q", head, h)
		}
	}
	rows := map[string][]string{}
	var order []string
	for _, r := range records[1:] {
		rows[r[0]] = r
		order = append(order, r[0])
	}
	if got := strings.Join(order, ","); got != "ada,ben,cleo,dora,eve,notes" {
		t.Fatalf("class.csv learners = %s, want ada,ben,cleo,dora,eve,notes (sorted, .git left out)", got)
	}
	cell := func(learner, h string) string { return rows[learner][col[h]] }
	want := []struct {
		learner, score, percent, passed, tampered, add, greet, greetPoints string
	}{
		{"ada", "3", "100.0", "2", "0", "pass", "pass", "2"},
		{"ben", "1", "33.3", "1", "0", "pass", "fail", "0"},
		{"cleo", "1", "33.3", "1", "1", "pass", "tampered", "0"},
		{"dora", "1", "33.3", "1", "1", "pass", "tampered", "0"},
		{"eve", "0", "0.0", "0", "0", "error", "error", "0"},
		{"notes", "0", "0.0", "0", "0", "error", "error", "0"},
	}
	for _, w := range want {
		got := []string{cell(w.learner, "score"), cell(w.learner, "max_score"), cell(w.learner, "percent"), cell(w.learner, "passed"), cell(w.learner, "tampered"),
			cell(w.learner, "01-fixture/1-add"), cell(w.learner, "01-fixture/2-greet"), cell(w.learner, "01-fixture/2-greet points")}
		exp := []string{w.score, "3", w.percent, w.passed, w.tampered, w.add, w.greet, w.greetPoints}
		if strings.Join(got, " ") != strings.Join(exp, " ") {
			t.Errorf("class.csv %s = %q, want %q", w.learner, got, exp)
		}
	}
	if e := cell("eve", "error"); !strings.Contains(e, "outside the clone") {
		t.Errorf("eve's error = %q, want go.work outside the clone", e)
	}
	if e := cell("notes", "error"); !strings.Contains(e, "no go.work") {
		t.Errorf("notes' error = %q, want no go.work", e)
	}
	if n := cell("dora", "notes"); !strings.Contains(n, "differs from the instructor's") {
		t.Errorf("dora's notes = %q, want her exercises.sum flagged as different", n)
	}

	// class.json: the same table, with which sum caught each tampered file.
	raw, err := os.ReadFile(filepath.Join(report, "class.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep class.Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Version != 1 || len(rep.Columns) != 2 || len(rep.Learners) != 6 || rep.Instructor != instructor {
		t.Fatalf("class.json = version %d, %d columns, %d learners, instructor %s", rep.Version, len(rep.Columns), len(rep.Learners), rep.Instructor)
	}
	against := map[string]string{}
	for _, l := range rep.Learners {
		if l.Chapters[0].Chapter != "01-fixture" || l.Chapters[0].MaxScore != 3 {
			t.Errorf("%s chapters = %+v", l.Name, l.Chapters)
		}
		for _, c := range l.Cells {
			for _, tp := range c.Tamper {
				against[l.Name+" "+tp.Path+" "+tp.Change] = tp.Against
			}
		}
	}
	greetTest := "01-fixture/exercises/2-greet/greet_test.go"
	if a := against["cleo "+greetTest+" modified"]; a != class.AgainstBoth {
		t.Errorf("cleo's tampered test caught against %q, want both (tamper map %v)", a, against)
	}
	if a := against["dora "+greetTest+" modified"]; a != class.AgainstInstructor {
		t.Errorf("dora's tampered test caught against %q, want instructor only (tamper map %v)", a, against)
	}

	// Per learner: the results.json `grade --json` writes, and JUnit.
	for _, name := range order {
		var res struct {
			Version  int    `json:"version"`
			Status   string `json:"status"`
			Score    int    `json:"score"`
			MaxScore int    `json:"max_score"`
		}
		raw, err := os.ReadFile(filepath.Join(report, name, "results.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		wantScore := map[string]int{"ada": 3, "ben": 1, "cleo": 1, "dora": 1}[name]
		if res.Version != 3 || res.Score != wantScore {
			t.Errorf("%s/results.json = %+v, want v3 with score %d", name, res, wantScore)
		}
		if (name == "eve" || name == "notes") != (res.Status == "error") {
			t.Errorf("%s/results.json status = %s", name, res.Status)
		}
		if _, err := os.Stat(filepath.Join(report, name, "junit.xml")); err != nil {
			t.Errorf("%s/junit.xml: %v", name, err)
		}
	}

	// index.html: every learner, the right counts, tampering flagged.
	page, err := os.ReadFile(filepath.Join(report, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, name := range order {
		if !strings.Contains(html, ">"+name+"</a>") {
			t.Errorf("index.html has no row for %s", name)
		}
	}
	// eve and notes get their error across the row instead of cells.
	counts := map[string]int{"pass": 5, "fail": 1, "tampered": 2, "error": 0}
	for status, n := range counts {
		if got := strings.Count(html, `class="cell s-`+status+`" title=`); got != n {
			t.Errorf("index.html has %d %s cells, want %d", got, status, n)
		}
	}
	for _, want := range []string{"⚠ 1 tampered", "3/3 pts", "1/3 pts", "✗ not graded", "outside the clone", "no go.work", "only against the instructor&#39;s exercises.sum", "<style>", "width: 100%"} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if strings.Contains(html, "<script") || strings.Contains(html, "http://") || strings.Contains(html, "https://") {
		t.Error("index.html should be self-contained: no script, no external URL")
	}
}

func TestGradeClassUsage(t *testing.T) {
	root := fixture(t)
	notDir := filepath.Join(root, "go.work")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"grade", "--class"}, "flag needs an argument"},
		{[]string{"grade", "--class", ""}, "--class needs a directory"},
		{[]string{"grade", "--class", notDir}, "is not a directory"},
		{[]string{"grade", "--class", root, "--jobs", "0"}, "--jobs must be at least 1"},
		{[]string{"grade", "--class", root, "--timeout", "soon"}, "--timeout wants a duration"},
		{[]string{"grade", "--class", root, "--json", "x.json"}, "flag provided but not defined: -json"},
		{[]string{"grade", "--class", t.TempDir()}, "has no subdirectories"},
	}
	for _, tc := range tests {
		code, _, errs := run(t, root, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("workbook %q = %d %q, want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

func TestHasClassFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"--class", "d"}, true},
		{[]string{"-class=d", "01"}, true},
		{[]string{"01", "--class=d"}, true},
		{[]string{"--json", "class"}, false},
		{[]string{"--", "--class"}, false},
		{nil, false},
	} {
		if got := hasClassFlag(tc.args); got != tc.want {
			t.Errorf("hasClassFlag(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
