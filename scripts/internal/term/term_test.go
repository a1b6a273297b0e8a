package term

import (
	"bytes"
	"strings"
	"testing"
)

func TestBar(t *testing.T) {
	tests := []struct {
		done, total int
		want        string
	}{
		{0, 10, "[----------] 0/10"},
		{5, 10, "[#####-----] 5/10"},
		{1, 3, "[###-------] 1/3"},
		{3, 3, "[##########] 3/3"},
		{0, 0, "[----------] 0/0"},
	}
	for _, tc := range tests {
		if got := Bar(tc.done, tc.total, 10); got != tc.want {
			t.Errorf("Bar(%d, %d) = %q, want %q", tc.done, tc.total, got, tc.want)
		}
	}
}

func TestTableAlignsColouredCells(t *testing.T) {
	st := Style{Color: true}
	var b bytes.Buffer
	Table(&b, "", [][]string{{st.Green("✓"), "1-add", "x"}, {"·", "10-longer", "y"}})
	lines := strings.Split(strings.TrimSpace(ansi.ReplaceAllString(b.String(), "")), "\n")
	if col(lines[0], "x") != col(lines[1], "y") {
		t.Errorf("Table columns are not aligned:\n%s", strings.Join(lines, "\n"))
	}
}

func TestStyleForRespectsNoColor(t *testing.T) {
	// A bytes.Buffer is not a terminal, so no colour whatever the env.
	st := StyleFor(&bytes.Buffer{}, func(string) string { return "" })
	if st.Color || st.Green("x") != "x" {
		t.Errorf("StyleFor(buffer) = %+v, want no colour", st)
	}
	if (Style{Color: false}).Red("x") != "x" {
		t.Error("Red with colour off added escapes")
	}
}

func col(line, s string) int { return len([]rune(line[:strings.Index(line, s)])) }
