// Package lessontest keeps a chapter's lesson honest: the Go a README
// quotes must be the Go in the chapter's files. Each chapter calls it from
// one test:
//
//	func TestReadmeGoIsQuotedFromSource(t *testing.T) {
//		lessontest.CheckQuotedGo(t, "README.md")
//	}
package lessontest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CheckQuotedGo checks that every ```go block in the README whose first
// line names a file ("// echo.go — handleEcho", relative to the README)
// appears in that file line for line (indentation aside), with a line
// "// …" standing for lines left out, and that there is at least one.
func CheckQuotedGo(t testing.TB, readme string) {
	t.Helper()
	md, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	blocks := 0
	for _, block := range goBlocks(string(md)) {
		first, _, _ := strings.Cut(strings.TrimPrefix(block[0], "// "), " ")
		if !strings.HasPrefix(block[0], "// ") || !strings.HasSuffix(first, ".go") {
			continue
		}
		blocks++
		src, err := os.ReadFile(filepath.Join(filepath.Dir(readme), first))
		if err != nil {
			t.Errorf("README quotes %s, which cannot be read: %v", first, err)
			continue
		}
		if missing := quoteMismatch(block[1:], strings.Split(string(src), "\n")); missing != "" {
			t.Errorf("README quotes %s, but this line is not there (in order):\n%s", first, missing)
		}
	}
	if blocks == 0 {
		t.Error(readme + " quotes no Go from the chapter's files")
	}
}

// goBlocks returns the lines of each ```go fenced block of md.
func goBlocks(md string) [][]string {
	var blocks [][]string
	var cur []string
	in := false
	for line := range strings.SplitSeq(md, "\n") {
		switch {
		case !in && strings.TrimSpace(line) == "```go":
			in, cur = true, nil
		case in && strings.TrimSpace(line) == "```":
			in = false
			if len(cur) > 0 {
				blocks = append(blocks, cur)
			}
		case in:
			cur = append(cur, line)
		}
	}
	return blocks
}

// quoteMismatch reports the first quoted line not found in src after the
// previous one; "// …" lets any number of source lines pass. Lines compare
// with surrounding space trimmed. It returns "" when the quote is true.
func quoteMismatch(quote, src []string) string {
	i := 0
	gap := true // the quote may start anywhere
	for _, q := range quote {
		q = strings.TrimSpace(q)
		if q == "// …" {
			gap = true
			continue
		}
		found := false
		for i < len(src) {
			s := strings.TrimSpace(src[i])
			i++
			if s == q {
				found = true
				break
			}
			if !gap {
				return q + "\n(the line before it in the quote is followed in the file by " + s + ")"
			}
		}
		if !found {
			return q
		}
		gap = false
	}
	return ""
}
