package exercise

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const goodReadme = "# Parse a raw HTTP/1.1 request\n\n" +
	"Difficulty: 2/3 · File: `request.go`\n\n" +
	"## Task\nParse it.\n\nIn two paragraphs.\n```go\n## not a heading\n### Hint 1 (nor this)\n```\n\n" +
	"## Acceptance\n- the request line\n\n" +
	"Stuck? `go run ./scripts/workbook hint parse-request` shows a nudge.\n"

func TestParseReadme(t *testing.T) {
	tests := []struct {
		name         string
		src          string
		wantTitle    string
		wantDiff     int
		wantFile     string
		wantNeeds    string
		wantProblems []string // substrings, one per expected problem
	}{
		{
			name:      "well formed",
			src:       goodReadme,
			wantTitle: "Parse a raw HTTP/1.1 request",
			wantDiff:  2,
			wantFile:  "request.go",
		},
		{
			name:      "CRLF line endings",
			src:       strings.ReplaceAll(goodReadme, "\n", "\r\n"),
			wantTitle: "Parse a raw HTTP/1.1 request",
			wantDiff:  2,
			wantFile:  "request.go",
		},
		{
			name:      "a needs section after the metadata",
			src:       "# T\n\nDifficulty: 1/3 · File: `a.go`\n\n## Needs\nPostgreSQL.\n\n## Task\nx\n## Acceptance\n- y\n",
			wantTitle: "T",
			wantDiff:  1,
			wantFile:  "a.go",
			wantNeeds: "PostgreSQL.",
		},
		{
			name:         "needs after the task, and empty",
			src:          "# T\n\nDifficulty: 1/3 · File: `a.go`\n\n## Task\nx\n## Needs\n## Acceptance\n- y\n",
			wantTitle:    "T",
			wantDiff:     1,
			wantFile:     "a.go",
			wantProblems: []string{`"## Needs" must come before "## Task"`, `section "## Needs" is empty`},
		},
		{
			name:         "hints left in the README",
			src:          "# T\n\nDifficulty: 1/3 · File: `a.go`\n\n## Task\nx\n## Acceptance\n- y\n## Hints\n### Hint 1\nnudge\n### Hint 2\napi\n",
			wantTitle:    "T",
			wantDiff:     1,
			wantFile:     "a.go",
			wantProblems: []string{`hints belong in hints.md`, `"### Hint 1"`, `"### Hint 2"`},
		},
		{
			name:         "a lone hint heading at another level",
			src:          "# T\n\nDifficulty: 1/3 · File: `a.go`\n\n## Task\nx\n#### hint 3: the answer\n## Acceptance\n- y\n",
			wantTitle:    "T",
			wantDiff:     1,
			wantFile:     "a.go",
			wantProblems: []string{`hints belong in hints.md, not in README.md: move "#### hint 3: the answer"`},
		},
		{
			name:         "metadata in the wrong shape is still read",
			src:          "# T\n\nDifficulty: 3/3 - File: `a.go`\n\n## Task\nx\n## Acceptance\n- y\n",
			wantTitle:    "T",
			wantDiff:     3,
			wantFile:     "a.go",
			wantProblems: []string{"does not read"},
		},
		{
			name:         "difficulty out of range",
			src:          "# T\n\nDifficulty: 5/3 · File: `a.go`\n\n## Task\nx\n## Acceptance\n- y\n",
			wantTitle:    "T",
			wantDiff:     5,
			wantFile:     "a.go",
			wantProblems: []string{"difficulty 5 is not between 1 and 3"},
		},
		{
			name:         "a section twice",
			src:          "# T\n\nDifficulty: 1/3 · File: `a.go`\n\n## Task\nx\n## Task\nz\n## Acceptance\n- y\n",
			wantTitle:    "T",
			wantDiff:     1,
			wantFile:     "a.go",
			wantProblems: []string{`section "## Task" appears twice`},
		},
		{
			name: "empty file",
			src:  "",
			wantProblems: []string{
				"missing the \"# Title\" line", "missing the \"Difficulty", `missing section "## Task"`,
				`missing section "## Acceptance"`,
			},
		},
		{
			name:         "an unclosed fence",
			src:          "# T\nDifficulty: 1/3 · File: `a.go`\n## Task\nx\n## Acceptance\ny\n```go\n",
			wantTitle:    "T",
			wantDiff:     1,
			wantFile:     "a.go",
			wantProblems: []string{"code fence is never closed"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, problems := ParseReadme(tc.src)
			if r.Title != tc.wantTitle || r.Difficulty != tc.wantDiff || r.File != tc.wantFile || r.Needs != tc.wantNeeds {
				t.Errorf("ParseReadme() = title %q, difficulty %d, file %q, needs %q; want %q, %d, %q, %q",
					r.Title, r.Difficulty, r.File, r.Needs, tc.wantTitle, tc.wantDiff, tc.wantFile, tc.wantNeeds)
			}
			if len(problems) != len(tc.wantProblems) {
				t.Fatalf("ParseReadme() problems = %q, want %d matching %q", problems, len(tc.wantProblems), tc.wantProblems)
			}
			for i, want := range tc.wantProblems {
				if !strings.Contains(problems[i], want) {
					t.Errorf("problem %d = %q, want it to contain %q", i, problems[i], want)
				}
			}
		})
	}
}

func TestParseReadmeSections(t *testing.T) {
	r, _ := ParseReadme(goodReadme)
	if r.Task != "Parse it.\n\nIn two paragraphs.\n```go\n## not a heading\n### Hint 1 (nor this)\n```" {
		t.Errorf("Task = %q, want both paragraphs and the code block", r.Task)
	}
	if r.Acceptance != "- the request line\n\nStuck? `go run ./scripts/workbook hint parse-request` shows a nudge." {
		t.Errorf("Acceptance = %q, want the bullet and the closing line", r.Acceptance)
	}
}

func TestFind(t *testing.T) {
	exs := []*Exercise{
		{Chapter: "01-http", Name: "1-parse-request"},
		{Chapter: "01-http", Name: "2-status-line"},
		{Chapter: "02-routing", Name: "1-parse-request"},
		{Chapter: "02-routing", Name: "2-trie"},
		{Chapter: "09-crud", Name: "3-cursor-pagination"},
		{Chapter: "11-databases", Name: "3-keyset-pagination"},
		{Chapter: "11-databases", Name: "4-index-migration"},
	}
	tests := []struct {
		query   string
		want    string
		wantErr string
	}{
		{query: "01-http/1-parse-request", want: "01-http/1-parse-request"},
		{query: "./01-http/exercises/1-parse-request/", want: "01-http/1-parse-request"},
		{query: "status-line", want: "01-http/2-status-line"},
		{query: "2-trie", want: "02-routing/2-trie"},
		{query: "trie", want: "02-routing/2-trie"},
		{query: "02/parse-request", want: "02-routing/1-parse-request"},
		{query: "http/request", want: "01-http/1-parse-request"},
		{query: "2-Trie", want: "02-routing/2-trie"},
		// A suffix match wins over a substring match: "trie" is not
		// ambiguous although it is inside no other ID either way.
		{query: "parse-request", wantErr: "matches 2 exercises: 01-http/1-parse-request, 02-routing/1-parse-request"},
		// Substrings of the ID, when no name or suffix matches.
		{query: "cursor", want: "09-crud/3-cursor-pagination"},
		{query: "rie", want: "02-routing/2-trie"},
		{query: "keyset", want: "11-databases/3-keyset-pagination"},
		{query: "index-mig", want: "11-databases/4-index-migration"},
		{query: "11/index", want: "11-databases/4-index-migration"},
		{query: "databases/3", want: "11-databases/3-keyset-pagination"},
		{query: "status", want: "01-http/2-status-line"},
		{query: "pagination", wantErr: "matches 2 exercises: 09-crud/3-cursor-pagination, 11-databases/3-keyset-pagination"},
		{query: "11/pagination", want: "11-databases/3-keyset-pagination"},
		{query: "-", wantErr: "matches 7 exercises"},
		{query: "01/trie", wantErr: "no exercise matches"},
		{query: "zebra", wantErr: "no exercise matches"},
		{query: "", wantErr: "name an exercise"},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			got, err := Find(exs, tc.query)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Find(%q) error = %v, want one containing %q", tc.query, err, tc.wantErr)
				}
				return
			}
			if err != nil || got.ID() != tc.want {
				t.Fatalf("Find(%q) = %v, %v; want %s", tc.query, got, err, tc.want)
			}
		})
	}
}

func TestFindListsAtMostEightCandidates(t *testing.T) {
	var exs []*Exercise
	for i := 1; i <= 10; i++ {
		exs = append(exs, &Exercise{Chapter: "01-http", Name: strconv.Itoa(i) + "-x"})
	}
	_, err := Find(exs, "http")
	if err == nil || !strings.Contains(err.Error(), "matches 10 exercises: 01-http/1-x,") || !strings.Contains(err.Error(), "01-http/8-x, and 2 more;") {
		t.Errorf("Find(%q) error = %v, want the first eight candidates and \"and 2 more\"", "http", err)
	}
}

func TestShortName(t *testing.T) {
	exs := []*Exercise{
		{Chapter: "01-http", Name: "1-parse-request"},
		{Chapter: "02-routing", Name: "1-parse-request"},
		{Chapter: "02-routing", Name: "2-trie"},
	}
	for _, tc := range []struct {
		ex   *Exercise
		want string
	}{
		{exs[0], "01-http/1-parse-request"},
		{exs[1], "02-routing/1-parse-request"},
		{exs[2], "2-trie"},
	} {
		if got := ShortName(exs, tc.ex); got != tc.want {
			t.Errorf("ShortName(%s) = %q, want %q", tc.ex.ID(), got, tc.want)
		}
	}
}

func TestFindChapters(t *testing.T) {
	chs := []*Chapter{{Name: "01-http"}, {Name: "02-routing"}, {Name: "11-databases"}}
	tests := []struct {
		args    []string
		want    string
		wantErr bool
	}{
		{args: nil, want: "01-http,02-routing,11-databases"},
		{args: []string{"routing", "01"}, want: "01-http,02-routing"},
		{args: []string{"./11-databases/"}, want: "11-databases"},
		{args: []string{"03"}, wantErr: true},
	}
	for _, tc := range tests {
		got, err := FindChapters(chs, tc.args)
		if tc.wantErr {
			if err == nil {
				t.Errorf("FindChapters(%q) = %v, want an error", tc.args, got)
			}
			continue
		}
		var names []string
		for _, c := range got {
			names = append(names, c.Name)
		}
		if err != nil || strings.Join(names, ",") != tc.want {
			t.Errorf("FindChapters(%q) = %v, %v; want %s", tc.args, names, err, tc.want)
		}
	}
}

func TestTestFuncs(t *testing.T) {
	dir := t.TempDir()
	src := "package x\nimport \"testing\"\n" +
		"func TestB(t *testing.T) {}\nfunc TestA(t *testing.T) {}\nfunc TestMain(m *testing.M) {}\n" +
		"func Testlower(t *testing.T) {}\nfunc helper(t *testing.T) {}\nfunc BenchmarkX(b *testing.B) {}\n"
	if err := os.WriteFile(filepath.Join(dir, "x_test.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := (&Exercise{Dir: dir}).TestFuncs()
	if err != nil || strings.Join(got, ",") != "TestA,TestB" {
		t.Errorf("TestFuncs() = %v, %v; want [TestA TestB]", got, err)
	}
	code, err := (&Exercise{Dir: dir}).TestCode()
	if err != nil || code["TestA"] != "func TestA(t *testing.T) {}" {
		t.Errorf("TestCode()[TestA] = %q, %v; want the function source", code["TestA"], err)
	}
}
