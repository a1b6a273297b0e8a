package lessontest

import (
	"strings"
	"testing"
)

func TestQuoteMismatch(t *testing.T) {
	src := strings.Split("func f() {\n\ta := 1\n\tb := 2\n\treturn\n}", "\n")
	tests := []struct {
		name  string
		quote []string
		bad   bool
	}{
		{"exact lines", []string{"a := 1", "b := 2"}, false},
		{"a gap", []string{"func f() {", "// …", "return"}, false},
		{"a skipped line without a gap", []string{"func f() {", "b := 2"}, true},
		{"a line that is not there", []string{"c := 3"}, true},
		{"out of order", []string{"b := 2", "a := 1"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := quoteMismatch(tc.quote, src); (got != "") != tc.bad {
				t.Errorf("quoteMismatch(%q) = %q, want mismatch %v", tc.quote, got, tc.bad)
			}
		})
	}
}

func TestGoBlocks(t *testing.T) {
	md := "text\n```go\n// a.go\nx := 1\n```\n```sh\nls\n```\n  ```go\ny\n  ```\n"
	got := goBlocks(md)
	if len(got) != 2 || got[0][0] != "// a.go" || got[1][0] != "y" {
		t.Errorf("goBlocks = %q, want the two go blocks", got)
	}
}
