package exercise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodReadme = "# Parse a raw HTTP/1.1 request\n\n" +
	"Difficulty: 2/3 · File: `request.go`\n\n" +
	"## Task\nParse it.\n\nIn two paragraphs.\n\n" +
	"## Acceptance\n- the request line\n\n" +
	"## Hints\n### Hint 1\nA nudge.\n### Hint 2\nThe API.\n### Hint 3\nNearly:\n```go\n## not a heading\n```\n"

func TestParseReadme(t *testing.T) {
	tests := []struct {
		name         string
		src          string
		wantTitle    string
		wantDiff     int
		wantFile     string
		wantHints    []string
		wantProblems []string // substrings, one per expected problem
	}{
		{
			name:      "well formed",
			src:       goodReadme,
			wantTitle: "Parse a raw HTTP/1.1 request",
			wantDiff:  2,
			wantFile:  "request.go",
			wantHints: []string{"A nudge.", "The API.", "Nearly:\n```go\n## not a heading\n```"},
		},
		{
			name:         "CRLF line endings",
			src:          strings.ReplaceAll(goodReadme, "\n", "\r\n"),
			wantTitle:    "Parse a raw HTTP/1.1 request",
			wantDiff:     2,
			wantFile:     "request.go",
			wantHints:    []string{"A nudge.", "The API.", "Nearly:\n```go\n## not a heading\n```"},
			wantProblems: nil,
		},
		{
			name:         "missing hint 3 and empty hint 2",
			src:          "# T\n\nDifficulty: 1/3 · File: `a.go`\n\n## Task\nx\n## Acceptance\n- y\n## Hints\n### Hint 1\nnudge\n### Hint 2\n",
			wantTitle:    "T",
			wantDiff:     1,
			wantFile:     "a.go",
			wantHints:    []string{"nudge", "", ""},
			wantProblems: []string{`"### Hint 2" is empty`, `missing "### Hint 3"`},
		},
		{
			name:         "metadata in the wrong shape is still read",
			src:          "# T\n\nDifficulty: 3/3 - File: `a.go`\n\n## Task\nx\n## Acceptance\n- y\n## Hints\n### Hint 1\na\n### Hint 2\nb\n### Hint 3\nc\n",
			wantTitle:    "T",
			wantDiff:     3,
			wantFile:     "a.go",
			wantHints:    []string{"a", "b", "c"},
			wantProblems: []string{"does not read"},
		},
		{
			name:         "difficulty out of range",
			src:          "# T\n\nDifficulty: 5/3 · File: `a.go`\n\n## Task\nx\n## Acceptance\n- y\n## Hints\n### Hint 1\na\n### Hint 2\nb\n### Hint 3\nc\n",
			wantTitle:    "T",
			wantDiff:     5,
			wantFile:     "a.go",
			wantHints:    []string{"a", "b", "c"},
			wantProblems: []string{"difficulty 5 is not between 1 and 3"},
		},
		{
			name:      "empty file",
			src:       "",
			wantHints: []string{"", "", ""},
			wantProblems: []string{
				"missing the \"# Title\" line", "missing the \"Difficulty", `missing section "## Task"`,
				`missing section "## Acceptance"`, `missing section "## Hints"`,
			},
		},
		{
			name:         "stray heading under hints and an unclosed fence",
			src:          "# T\nDifficulty: 1/3 · File: `a.go`\n## Task\nx\n## Acceptance\ny\n## Hints\n### Hint 1\na\n### Hint 2\nb\n### Hint 3\nc\n### Solution\n```go\n",
			wantTitle:    "T",
			wantDiff:     1,
			wantFile:     "a.go",
			wantHints:    []string{"a", "b", "c"},
			wantProblems: []string{"unexpected heading \"### Solution\"", "code fence is never closed"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, problems := ParseReadme(tc.src)
			if r.Title != tc.wantTitle || r.Difficulty != tc.wantDiff || r.File != tc.wantFile {
				t.Errorf("ParseReadme() = title %q, difficulty %d, file %q; want %q, %d, %q", r.Title, r.Difficulty, r.File, tc.wantTitle, tc.wantDiff, tc.wantFile)
			}
			for i, want := range tc.wantHints {
				if r.Hints[i] != want {
					t.Errorf("Hints[%d] = %q, want %q", i, r.Hints[i], want)
				}
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
	if r.Task != "Parse it.\n\nIn two paragraphs." {
		t.Errorf("Task = %q, want both paragraphs", r.Task)
	}
	if r.Acceptance != "- the request line" {
		t.Errorf("Acceptance = %q, want the bullet", r.Acceptance)
	}
}

func TestFind(t *testing.T) {
	exs := []*Exercise{
		{Chapter: "01-http", Name: "1-parse-request"},
		{Chapter: "01-http", Name: "2-status-line"},
		{Chapter: "02-routing", Name: "1-parse-request"},
		{Chapter: "02-routing", Name: "2-trie"},
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
		{query: "parse-request", wantErr: "matches 2 exercises"},
		{query: "rie", wantErr: "no exercise matches"},
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
