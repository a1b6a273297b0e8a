//go:build solution

package goldenfiles

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// normalize turns CRLF line endings into LF, so that a golden file checked
// out on Windows (git's autocrlf) still matches.
func normalize(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }

// Assert compares got with Dir/<name>.golden, or writes it when Update is set.
// name may contain slashes: "api/list" is Dir/api/list.golden.
func (g Golden) Assert(t TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join(g.Dir, filepath.FromSlash(name)+".golden")
	got = normalize(got)
	if g.Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("golden: cannot create the directory of %s: %v", path, err)
			return
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("golden: cannot write %s: %v", path, err)
		}
		return
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: cannot read %s (run the test with -update to create it): %v", path, err)
		return
	}
	want := normalize(raw)
	if bytes.Equal(got, want) {
		return
	}
	diff := Diff(string(want), string(got))
	if slices.Equal(lines(string(want)), lines(string(got))) {
		diff += "(the lines are equal: the files differ only in the final newline)\n"
	}
	t.Errorf("golden: output differs from %s (- golden, + got; run with -update if the change is intended):\n%s", path, diff)
}

// lines splits s into lines; a final newline ends the last line rather than
// starting an empty one.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// Diff returns a line diff of want and got from a longest common
// subsequence: "  " common, "- " only in want, "+ " only in got, every line
// ending in "\n", and in a changed run the "- " lines before the "+ " lines.
func Diff(want, got string) string {
	a, b := lines(want), lines(got)
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out.WriteString("  " + a[i] + "\n")
			i++
			j++
		case j == len(b) || (i < len(a) && lcs[i+1][j] >= lcs[i][j+1]):
			out.WriteString("- " + a[i] + "\n")
			i++
		default:
			out.WriteString("+ " + b[j] + "\n")
			j++
		}
	}
	return out.String()
}
