package procfile

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// lineErrors returns the LineErrors inside err (one, or several joined).
func lineErrors(err error) []*LineError {
	var out []*LineError
	var walk func(error)
	walk = func(e error) {
		var le *LineError
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
		} else if errors.As(e, &le) {
			out = append(out, le)
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []Process
	}{
		{"the chapter's Procfile", "# Process types of 27-twelve-factor\n# (two comment lines)\nrelease: 27-twelve-factor migrate && 27-twelve-factor release\nweb: 27-twelve-factor\nworker: 27-twelve-factor worker\n",
			[]Process{{"release", "27-twelve-factor migrate && 27-twelve-factor release", 3}, {"web", "27-twelve-factor", 4}, {"worker", "27-twelve-factor worker", 5}}},
		{"colons in the command", "worker: bundle exec rake jobs:work\n",
			[]Process{{"worker", "bundle exec rake jobs:work", 1}}},
		{"no space after the colon, CRLF, no final newline", "web:./app -port $PORT\r\nclock:\t./clock  \t",
			[]Process{{"web", "./app -port $PORT", 1}, {"clock", "./clock", 2}}},
		{"blank lines and indented comments count as lines", "\n   \n\t# web: not this\n  web: ./app\n\n",
			[]Process{{"web", "./app", 4}}},
		{"a # inside a command is the command's", "web: ./app # the shell ignores this\n",
			[]Process{{"web", "./app # the shell ignores this", 1}}},
		{"every allowed character, case kept", "Urgent_Worker-2: ./w\nurgent_worker-2: ./w2\n" + strings.Repeat("a", 63) + ": x\nazAZ09_-: y\n",
			[]Process{{"Urgent_Worker-2", "./w", 1}, {"urgent_worker-2", "./w2", 2}, {strings.Repeat("a", 63), "x", 3}, {"azAZ09_-", "y", 4}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tc.in))
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q) =\n  %+v, %v\nwant\n  %+v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		lines    []int    // the lines with errors, in order
		reasons  []string // a word each reason must contain
	}{
		{"no colon", "web ./app\n", []int{1}, []string{":"}},
		{"empty name", ": ./app\n", []int{1}, []string{"process type"}},
		{"space in the name", "web server: ./app\n", []int{1}, []string{`"web server"`}},
		{"space before the colon", "web : ./app\n", []int{1}, []string{`"web "`}},
		{"dot in the name", "web.1: ./app\n", []int{1}, []string{`"web.1"`}},
		{"name too long", strings.Repeat("a", 64) + ": x\n", []int{1}, []string{"63"}},
		{"non-ASCII letter", "wéb: ./app\n", []int{1}, []string{"wéb"}},
		{"empty command", "web:   \n", []int{1}, []string{"no command"}},
		{"duplicate", "web: ./a\nworker: ./w\nweb: ./b\n", []int{3}, []string{"line 1"}},
		{"every bad line reported", "# ok\nweb: ./a\nbad line\nweb: ./b\nw*: x\nworker:\n", []int{3, 4, 5, 6}, []string{":", "line 2", `"w*"`, "no command"}},
		{"only comments", "# nothing here\n\n", []int{0}, []string{"no process"}},
		{"empty file", "", []int{0}, []string{"no process"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tc.in))
			if got != nil {
				t.Errorf("Parse(%q) returned processes %+v with its error", tc.in, got)
			}
			les := lineErrors(err)
			var lines []int
			for _, le := range les {
				lines = append(lines, le.Line)
			}
			if !slices.Equal(lines, tc.lines) {
				t.Fatalf("Parse(%q) error %v: lines %v, want %v", tc.in, err, lines, tc.lines)
			}
			for i, le := range les {
				if !strings.Contains(le.Reason, tc.reasons[i]) {
					t.Errorf("line %d reason %q, want it to mention %s", le.Line, le.Reason, tc.reasons[i])
				}
			}
		})
	}
}

// TestParseReadError: a reader that fails is an error, not an empty Procfile.
func TestParseReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Parse(failingReader{boom})
	if !errors.Is(err, boom) {
		t.Errorf("Parse(failing reader) = %v, want the reader's error", err)
	}
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }
