package exercise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodHints = "# Hints: Parse a raw HTTP/1.1 request\n\n" +
	"## Hint 1\n\nA nudge.\n\n" +
	"## Hint 2\nThe API.\n" +
	"## Hint 3\nNearly:\n```go\n## not a heading\nfunc Parse(r io.Reader) (*Request, error)\n```\n"

func TestParseHints(t *testing.T) {
	tests := []struct {
		name         string
		src          string
		wantTitle    string
		wantTiers    []string
		wantProblems []string // substrings, one per expected problem, in order
	}{
		{
			name:      "well formed",
			src:       goodHints,
			wantTitle: "Parse a raw HTTP/1.1 request",
			wantTiers: []string{"A nudge.", "The API.", "Nearly:\n```go\n## not a heading\nfunc Parse(r io.Reader) (*Request, error)\n```"},
		},
		{
			name:      "CRLF line endings",
			src:       strings.ReplaceAll(goodHints, "\n", "\r\n"),
			wantTitle: "Parse a raw HTTP/1.1 request",
			wantTiers: []string{"A nudge.", "The API.", "Nearly:\n```go\n## not a heading\nfunc Parse(r io.Reader) (*Request, error)\n```"},
		},
		{
			name:         "missing tier 3 and empty tier 2",
			src:          "# Hints: T\n## Hint 1\nnudge\n## Hint 2\n\n",
			wantTitle:    "T",
			wantTiers:    []string{"nudge", "", ""},
			wantProblems: []string{`"## Hint 2" is empty`, `missing "## Hint 3"`},
		},
		{
			name:         "old README-style headings",
			src:          "# Hints: T\n## Hints\n### Hint 1\na\n### Hint 2\nb\n### Hint 3\nc\n",
			wantTitle:    "T",
			wantTiers:    []string{"a", "b", "c"},
			wantProblems: []string{`unexpected heading "## Hints"`, `"### Hint 1": a tier is a "## Hint N" heading`, `"### Hint 2": a tier`, `"### Hint 3": a tier`},
		},
		{
			name:         "a fourth tier, a repeated tier and a stray heading",
			src:          "# Hints: T\n## Hint 1\na\n## Hint 2\nb\n## Hint 2\nb2\n## Hint 3\nc\n## Hint 4\nd\n## Solution\ne\n",
			wantTitle:    "T",
			wantTiers:    []string{"a", "b2", "c"},
			wantProblems: []string{`"## Hint 2" appears twice`, `"## Hint 4": hints are numbered 1 to 3`, `unexpected heading "## Solution"`},
		},
		{
			name:         "out of order",
			src:          "# Hints: T\n## Hint 2\nb\n## Hint 1\na\n## Hint 3\nc\n",
			wantTitle:    "T",
			wantTiers:    []string{"a", "b", "c"},
			wantProblems: []string{`"## Hint 1" is out of order`},
		},
		{
			name:         "a title without the prefix, text before the first tier",
			src:          "# T\n\nRead the task first.\n## Hint 1\na\n## Hint 2\nb\n## Hint 3\nc\n",
			wantTiers:    []string{"a", "b", "c"},
			wantProblems: []string{`title "# T" does not read "# Hints: <exercise title>"`, `text outside any "## Hint N": "Read the task first."`},
		},
		{
			name:         "no title, a second title and an unclosed fence",
			src:          "## Hint 1\na\n# Hints: again\n## Hint 2\nb\n## Hint 3\n```go\nc\n",
			wantTiers:    []string{"a", "b", "```go\nc"},
			wantProblems: []string{`unexpected heading "# Hints: again"`, "code fence is never closed", `missing the "# Hints: <exercise title>" line`},
		},
		{
			name:         "empty file",
			src:          "",
			wantTiers:    []string{"", "", ""},
			wantProblems: []string{`missing the "# Hints`, `missing "## Hint 1"`, `missing "## Hint 2"`, `missing "## Hint 3"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, problems := ParseHints(tc.src)
			if h.Title != tc.wantTitle {
				t.Errorf("ParseHints() title = %q, want %q", h.Title, tc.wantTitle)
			}
			for i, want := range tc.wantTiers {
				if got := h.Tier(i + 1); got != want {
					t.Errorf("Tier(%d) = %q, want %q", i+1, got, want)
				}
			}
			if len(problems) != len(tc.wantProblems) {
				t.Fatalf("ParseHints() problems = %q, want %d matching %q", problems, len(tc.wantProblems), tc.wantProblems)
			}
			for i, want := range tc.wantProblems {
				if !strings.Contains(problems[i], want) {
					t.Errorf("problem %d = %q, want it to contain %q", i, problems[i], want)
				}
			}
		})
	}
}

func TestHintsTier(t *testing.T) {
	h := &Hints{Tiers: []string{"a", "b", "c"}}
	for _, tc := range []struct {
		hints *Hints
		n     int
		want  string
	}{
		{h, 1, "a"}, {h, 3, "c"}, {h, 0, ""}, {h, 4, ""}, {nil, 1, ""},
	} {
		if got := tc.hints.Tier(tc.n); got != tc.want {
			t.Errorf("Tier(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestLoadHints(t *testing.T) {
	tests := []struct {
		name         string
		file         string // "" for no hints.md
		title        string
		wantTier1    string
		wantProblems []string
	}{
		{name: "present, same title", file: goodHints, title: "Parse a raw HTTP/1.1 request", wantTier1: "A nudge."},
		{name: "no README title to compare", file: goodHints, wantTier1: "A nudge."},
		{name: "title differs", file: goodHints, title: "Parse a request", wantTier1: "A nudge.",
			wantProblems: []string{`title "Parse a raw HTTP/1.1 request" differs from the README's "Parse a request"`}},
		{name: "missing", title: "T", wantProblems: []string{"hints.md is missing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.file != "" {
				if err := os.WriteFile(filepath.Join(dir, HintsFile), []byte(tc.file), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			h, problems := LoadHints(dir, tc.title)
			if h == nil || len(h.Tiers) != HintCount || h.Tier(1) != tc.wantTier1 {
				t.Fatalf("LoadHints() = %+v, want %d tiers, the first %q", h, HintCount, tc.wantTier1)
			}
			if strings.Join(problems, "|") != strings.Join(tc.wantProblems, "|") {
				t.Errorf("LoadHints() problems = %q, want %q", problems, tc.wantProblems)
			}
		})
	}
}
