package grade

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/manifest"
)

func parse(t *testing.T, lines ...string) *gotest.Package {
	t.Helper()
	rep, err := gotest.Parse(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	return rep.Package("p")
}

const (
	runA  = `{"Action":"run","Package":"p","Test":"TestA"}`
	passA = `{"Action":"pass","Package":"p","Test":"TestA"}`
	failA = `{"Action":"fail","Package":"p","Test":"TestA"}`
	skipA = `{"Action":"skip","Package":"p","Test":"TestA"}`
	pkgOK = `{"Action":"pass","Package":"p"}`
	pkgKO = `{"Action":"fail","Package":"p"}`
)

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name     string
		pkg      func(t *testing.T) *gotest.Package
		expected []string
		want     Status
		detail   string
	}{
		{"pass", func(t *testing.T) *gotest.Package { return parse(t, runA, passA, pkgOK) }, []string{"TestA"}, Pass, ""},
		{"fail", func(t *testing.T) *gotest.Package { return parse(t, runA, failA, pkgKO) }, nil, Fail, ""},
		{"all skipped", func(t *testing.T) *gotest.Package { return parse(t, runA, skipA, pkgOK) }, nil, Skipped, ""},
		{"build failure", func(t *testing.T) *gotest.Package {
			return parse(t, `{"ImportPath":"p [p.test]","Action":"build-output","Output":"x.go:1: undefined: Foo\n"}`,
				`{"Action":"fail","Package":"p","FailedBuild":"p [p.test]"}`)
		}, nil, Error, "undefined: Foo"},
		{"expected test never ran (TestMain exited 0)", func(t *testing.T) *gotest.Package { return parse(t, pkgOK) }, []string{"TestA"}, Fail, "never ran: TestA"},
		{"package failed outside a test", func(t *testing.T) *gotest.Package {
			return parse(t, `{"Action":"output","Package":"p","Output":"panic: in init\n"}`, pkgKO)
		}, nil, Fail, "panic: in init"},
		{"no tests", func(t *testing.T) *gotest.Package { return parse(t, `{"Action":"skip","Package":"p"}`) }, nil, Error, "no tests"},
		{"no result", func(t *testing.T) *gotest.Package { return nil }, nil, Error, "reported nothing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := Evaluate(tc.pkg(t), tc.expected)
			if v.Status != tc.want || !strings.Contains(v.Detail, tc.detail) {
				t.Errorf("Evaluate() = %q %q, want %q with detail containing %q", v.Status, v.Detail, tc.want, tc.detail)
			}
		})
	}
}

func ex(name string, difficulty int) *exercise.Exercise {
	return &exercise.Exercise{Chapter: "01-x", Name: name, RelDir: "01-x/exercises/" + name,
		Readme: &exercise.Readme{Title: "T " + name, Difficulty: difficulty}}
}

func TestScore(t *testing.T) {
	passing := parse(t, runA, passA, pkgOK)
	failing := parse(t, runA, `{"Action":"output","Package":"p","Test":"TestA","Output":"    a_test.go:3: Add(1) = 2, want 3\n"}`, failA, pkgKO)
	noEnv(t, nil)
	skipping := pkgOf(t, "pass", passed("TestA"), skipped("TestDB", pgSkip))
	tests := []struct {
		name       string
		inputs     []Input
		wantStatus string
		wantScore  int
		wantMax    int
		wantEx     []Status
		wantMsg    string // the top-level message: only for status error
	}{
		{"a skipped exercise earns nothing", []Input{{Exercise: ex("1-a", 1), Package: passing}, {Exercise: ex("2-b", 2), Package: skipping}}, "fail", 1, 3, []Status{Pass, Skipped}, ""},
		{"all pass", []Input{{Exercise: ex("1-a", 1), Package: passing}, {Exercise: ex("2-b", 3), Package: passing}}, "pass", 4, 4, []Status{Pass, Pass}, ""},
		{"one fails: all or nothing per exercise", []Input{{Exercise: ex("1-a", 1), Package: passing}, {Exercise: ex("2-b", 3), Package: failing}}, "fail", 1, 4, []Status{Pass, Fail}, ""},
		{"tampered earns nothing even when passing", []Input{
			{Exercise: ex("1-a", 2), Package: passing, Changes: []manifest.Change{{Path: "01-x/exercises/1-a/a_test.go", Kind: manifest.Modified}}},
			{Exercise: ex("2-b", 1), Package: passing},
		}, "fail", 1, 3, []Status{Tampered, Pass}, ""},
		{"missing difficulty is worth 1", []Input{{Exercise: ex("1-a", 0), Package: passing}}, "pass", 1, 1, []Status{Pass}, ""},
		{"chapter could not run", []Input{{Exercise: ex("1-a", 2), RunErr: os.ErrNotExist}}, "error", 0, 2, []Status{Error}, "could not be run (01-x/1-a: file does not exist)"},
		{"nothing to grade", nil, "error", 0, 0, nil, "no exercises found to grade"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Score(tc.inputs)
			if r.Status != tc.wantStatus || r.Score != tc.wantScore || r.MaxScore != tc.wantMax {
				t.Errorf("Score() = %s %d/%d, want %s %d/%d", r.Status, r.Score, r.MaxScore, tc.wantStatus, tc.wantScore, tc.wantMax)
			}
			if (tc.wantMsg == "") != (r.Message == "") || !strings.Contains(r.Message, tc.wantMsg) {
				t.Errorf("Score().Message = %q, want %q (set only when the status is error)", r.Message, tc.wantMsg)
			}
			for i, want := range tc.wantEx {
				if got := r.Exercises[i].Status; got != want {
					t.Errorf("exercise %d status = %q, want %q", i, got, want)
				}
			}
		})
	}
}

// TestResultsFiles writes both formats and decodes them back, and compares
// the JSON with a golden file (UPDATE_GOLDEN=1 go test ./internal/grade
// rewrites it).
func TestResultsFiles(t *testing.T) {
	noEnv(t, nil)
	failing := parse(t, runA, `{"Action":"output","Package":"p","Test":"TestA","Output":"    a_test.go:3: Add(1) = 2, want 3\n"}`, failA, pkgKO)
	timed := pkgOf(t, "pass", passed("TestA"))
	r := Score([]Input{
		{Exercise: ex("1-a", 1), Package: timed, Expected: []string{"TestA"},
			TestCode: map[string]string{"TestA": "func TestA(t *testing.T) {\n\tif got := 1; got != 1 {\n\t\tt.Fatal(got)\n\t}\n}"}},
		{Exercise: ex("2-b", 2), Package: failing},
		{Exercise: ex("3-c", 3), Package: parse(t, runA, passA, pkgOK), Changes: []manifest.Change{{Path: "01-x/exercises/3-c/main_test.go", Kind: manifest.Extra}}},
		{Exercise: ex("4-d", 2), Package: pkgOf(t, "pass", passed("TestA"), skipped("TestDB", pgSkip))},
	})
	dir := t.TempDir()
	jsonPath, xmlPath := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.xml")
	if err := r.WriteJSON(jsonPath); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJUnit(xmlPath); err != nil {
		t.Fatal(err)
	}

	raw, _ := os.ReadFile(jsonPath)
	golden := filepath.Join("testdata", "results.golden.json")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		os.WriteFile(golden, raw, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("reading %s: %v (UPDATE_GOLDEN=1 go test ./internal/grade writes it)", golden, err)
	}
	if string(raw) != string(want) {
		t.Errorf("results JSON differs from %s:\n%s", golden, raw)
	}
	var doc struct {
		Version   int    `json:"version"`
		Status    string `json:"status"`
		Score     int    `json:"score"`
		MaxScore  int    `json:"max_score"`
		Message   *string
		Tests     []map[string]any
		Exercises []struct {
			Status        string   `json:"status"`
			Points        int      `json:"points"`
			Tampered      []string `json:"tampered"`
			Message       string   `json:"message"`
			NeedsServices []string `json:"needs_services"`
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 3 || doc.Status != "fail" || doc.Score != 1 || doc.MaxScore != 8 || len(doc.Exercises) != 4 {
		t.Errorf("decoded JSON = %+v, want version 3, fail, 1/8, 4 exercises", doc)
	}
	if doc.Message != nil {
		t.Errorf("top-level message = %q with status fail; exercism v3 sets it only for error", *doc.Message)
	}
	if got := doc.Tests[0]["test_code"]; got != "if got := 1; got != 1 {\n\tt.Fatal(got)\n}" {
		t.Errorf("tests[0].test_code = %q, want the function's body, de-indented", got)
	}
	if e := doc.Exercises[2]; e.Status != "tampered" || e.Points != 0 || len(e.Tampered) != 1 {
		t.Errorf("tampered exercise = %+v, want status tampered, 0 points, one path", e)
	}
	if e := doc.Exercises[3]; e.Status != "skipped" || e.Points != 0 || !strings.HasPrefix(e.Message, "skipped — needs PostgreSQL") || len(e.NeedsServices) != 1 {
		t.Errorf("skipped exercise = %+v, want skipped, 0 points, \"skipped — needs PostgreSQL\", needs_services [postgres]", e)
	}
	for _, tr := range doc.Tests {
		for _, key := range []string{"name", "status", "chapter", "exercise", "points"} {
			if _, ok := tr[key]; !ok {
				t.Errorf("test %v has no %q", tr, key)
			}
		}
	}

	rawXML, _ := os.ReadFile(xmlPath)
	var suites JUnitSuites
	if err := xml.Unmarshal(rawXML, &suites); err != nil {
		t.Fatalf("JUnit does not decode: %v\n%s", err, rawXML)
	}
	if len(suites.Suites) != 4 || suites.Failures != 2 || suites.Skipped != 1 {
		t.Fatalf("JUnit = %d suites, %d failures, %d skipped; want 4 suites, 2 failures (one failing test, one tampered), 1 skipped", len(suites.Suites), suites.Failures, suites.Skipped)
	}
	if f := suites.Suites[1].Cases[0].Failure; f == nil || !strings.Contains(f.Body, "want 3") {
		t.Errorf("failing testcase = %+v, want a <failure> with the test output", suites.Suites[1].Cases[0])
	}
	for _, attr := range []string{`<testsuites name="workbook grade" tests="6" failures="2" errors="0" skipped="1" time="0.500">`,
		`<testsuite name="01-x/1-a" tests="1" failures="0" errors="0" skipped="0" time="0.250">`,
		`<testcase name="TestA" classname="01-x/1-a" time="0.250">`} {
		if !strings.Contains(string(rawXML), attr) {
			t.Errorf("JUnit lacks %s (time from go test's Elapsed):\n%s", attr, rawXML)
		}
	}
	if suites.Suites[0].Time != 0.25 || suites.Suites[0].Cases[0].Time != 0.25 {
		t.Errorf("JUnit times = %v, %v; want 0.25 from go test's Elapsed", suites.Suites[0].Time, suites.Suites[0].Cases[0].Time)
	}
}

func TestFuncBody(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty body", "func TestA(t *testing.T) {}", ""},
		{"one statement", "func TestA(t *testing.T) {\n\tt.Log(1)\n}", "t.Log(1)"},
		{"nested blocks keep their relative indentation", "func TestA(t *testing.T) {\n\tfor i := 0; i < 2; i++ {\n\t\tt.Log(i)\n\t}\n}", "for i := 0; i < 2; i++ {\n\tt.Log(i)\n}"},
		{"blank lines and comments", "func TestA(t *testing.T) {\n\t// why\n\tx := 1\n\n\t_ = x\n}", "// why\nx := 1\n\n_ = x"},
		{"a brace in a string or a comment", "func TestA(t *testing.T) {\n\ts := \"}\" // {\n\t_ = s\n}", "s := \"}\" // {\n_ = s"},
		{"raw string lines are de-indented only by the shared prefix", "func TestA(t *testing.T) {\n\tconst s = `a\nb`\n\t_ = s\n}", "\tconst s = `a\nb`\n\t_ = s"},
		{"one-line body", "func TestA(t *testing.T) { t.Log(1) }", "t.Log(1)"},
		{"not a function: unchanged", "not go", "not go"},
		{"nothing", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FuncBody(tc.src); got != tc.want {
				t.Errorf("FuncBody(%q) = %q, want %q", tc.src, got, tc.want)
			}
		})
	}
}
