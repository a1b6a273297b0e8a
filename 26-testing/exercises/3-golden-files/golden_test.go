package goldenfiles

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// update is how a real test wires Golden.Update: go test -run Self -update.
var update = flag.Bool("update", false, "rewrite testdata/*.golden")

const edit = "(edit exercises/3-golden-files/golden.go)"

// fakeTB records what the helper reports. Like testing.T, Fatalf ends the
// calling goroutine, so run the helper through assert.
type fakeTB struct {
	helper int
	errors []string
	fatals []string
}

func (f *fakeTB) Helper() { f.helper++ }
func (f *fakeTB) Errorf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}
func (f *fakeTB) Fatalf(format string, a ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, a...))
	runtime.Goexit()
}

// assert runs g.Assert against a fresh fakeTB in its own goroutine.
func assert(g Golden, name string, got string) *fakeTB {
	f := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		g.Assert(f, name, []byte(got))
	}()
	<-done
	return f
}

func (f *fakeTB) reported() string {
	return strings.Join(append(append([]string{}, f.errors...), f.fatals...), "\n")
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDiff(t *testing.T) {
	for _, tt := range []struct{ name, want, got, diff string }{
		{"equal", "a\nb\n", "a\nb\n", "  a\n  b\n"},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n", "  a\n- b\n+ B\n  c\n"},
		{"line added at the top", "b\nc\n", "a\nb\nc\n", "+ a\n  b\n  c\n"},
		{"line removed at the end", "a\nb\nc\n", "a\nb\n", "  a\n  b\n- c\n"},
		{"line removed at the top", "x\nb\nc\n", "b\nc\n", "- x\n  b\n  c\n"},
		{"two lines replaced by three", "x\na\nb\ny\n", "x\nA\nB\nC\ny\n", "  x\n- a\n- b\n+ A\n+ B\n+ C\n  y\n"},
		{"from nothing", "", "a\n", "+ a\n"},
		{"to nothing", "a\n", "", "- a\n"},
		{"no final newline", "a\nb", "a\nb", "  a\n  b\n"},
		{"an empty line kept", "a\n\nb\n", "a\n\nc\n", "  a\n  \n- b\n+ c\n"},
	} {
		if got := Diff(tt.want, tt.got); got != tt.diff {
			t.Errorf("%s: Diff(%q, %q) =\n%s\nwant\n%s %s", tt.name, tt.want, tt.got, got, tt.diff, edit)
		}
	}
}

// A diff that compares line i with line i flags every line after an
// insertion; a longest-common-subsequence diff flags only what changed.
func TestDiffMarksOnlyWhatChanged(t *testing.T) {
	var want, got strings.Builder
	for i := range 40 {
		fmt.Fprintf(&want, "line %d\n", i)
		if i == 5 {
			got.WriteString("inserted\n")
		}
		if i != 30 {
			fmt.Fprintf(&got, "line %d\n", i)
		}
	}
	diff := Diff(want.String(), got.String())
	var marked []string
	for l := range strings.SplitSeq(diff, "\n") {
		if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "+ ") {
			marked = append(marked, l)
		}
	}
	if strings.Join(marked, "|") != "+ inserted|- line 30" {
		t.Errorf("Diff marked %q, want exactly [+ inserted, - line 30] %s", marked, edit)
	}
	if n := strings.Count(diff, "\n"); n != 41 {
		t.Errorf("Diff has %d lines, want 41 (39 common, 1 added, 1 removed)", n)
	}
}

// TestDiffIsMinimalAndComplete checks every pair of texts of up to four
// lines drawn from "a", "b" and "c": the diff rebuilds both texts, marks no more
// lines than a shortest edit needs, and lists a run's "- " lines before its
// "+ " lines.
func TestDiffIsMinimalAndComplete(t *testing.T) {
	var texts [][]string
	var grow func(prefix []string)
	grow = func(prefix []string) {
		texts = append(texts, prefix)
		if len(prefix) < 4 {
			for _, l := range []string{"a", "b", "c"} {
				grow(append(append([]string{}, prefix...), l))
			}
		}
	}
	grow(nil)
	join := func(ls []string) string {
		if len(ls) == 0 {
			return ""
		}
		return strings.Join(ls, "\n") + "\n"
	}
	for _, a := range texts {
		for _, b := range texts {
			diff := Diff(join(a), join(b))
			var want, got []string
			marked, prev := 0, ""
			for l := range strings.SplitSeq(strings.TrimSuffix(diff, "\n"), "\n") {
				if diff == "" {
					break
				}
				switch {
				case strings.HasPrefix(l, "  "):
					want, got = append(want, l[2:]), append(got, l[2:])
				case strings.HasPrefix(l, "- "):
					want, marked = append(want, l[2:]), marked+1
					if prev == "+" {
						t.Fatalf("Diff(%q, %q) =\n%s a \"- \" line follows a \"+ \" line %s", join(a), join(b), diff, edit)
					}
				case strings.HasPrefix(l, "+ "):
					got, marked = append(got, l[2:]), marked+1
				default:
					t.Fatalf("Diff(%q, %q) has the line %q, which starts with neither \"  \", \"- \" nor \"+ \" %s", join(a), join(b), l, edit)
				}
				prev = l[:1]
			}
			if join(want) != join(a) || join(got) != join(b) {
				t.Fatalf("Diff(%q, %q) =\n%s does not rebuild both texts %s", join(a), join(b), diff, edit)
			}
			if min := len(a) + len(b) - 2*lcsLen(a, b); marked != min {
				t.Fatalf("Diff(%q, %q) =\n%s marks %d lines, a shortest edit marks %d %s", join(a), join(b), diff, marked, min, edit)
			}
		}
	}
}

// lcsLen is the length of a longest common subsequence, by plain recursion.
func lcsLen(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if a[0] == b[0] {
		return 1 + lcsLen(a[1:], b[1:])
	}
	return max(lcsLen(a[1:], b), lcsLen(a, b[1:]))
}

func TestMatchPasses(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "list.golden"), "a\nb\n")
	f := assert(Golden{Dir: dir}, "list", "a\nb\n")
	if len(f.errors)+len(f.fatals) != 0 {
		t.Errorf("Assert of equal content reported %q, want nothing %s", f.reported(), edit)
	}
	if f.helper == 0 {
		t.Error("Assert never called t.Helper(): failures would point at the helper, not at the test")
	}
}

func TestLineEndingsAreNormalised(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "crlf.golden"), "a\r\nb\r\n")
	write(t, filepath.Join(dir, "lf.golden"), "a\nb\n")
	for _, tt := range []struct{ name, got string }{{"crlf", "a\nb\n"}, {"lf", "a\r\nb\r\n"}, {"crlf", "a\r\nb\r\n"}} {
		if f := assert(Golden{Dir: dir}, tt.name, tt.got); len(f.errors)+len(f.fatals) != 0 {
			t.Errorf("Assert(%s.golden, %q) reported %q, want a match: CRLF and LF are the same line ending %s", tt.name, tt.got, f.reported(), edit)
		}
	}
	// A lone CR is not a line ending: it is content, and it differs.
	if f := assert(Golden{Dir: dir}, "lf", "a\rb\n"); len(f.errors) != 1 {
		t.Errorf("Assert(lf.golden, %q) reported %q, want one error", "a\rb\n", f.reported())
	}
}

func TestMismatchReportsADiff(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.golden")
	write(t, path, "title\nold line\nfooter\n")
	f := assert(Golden{Dir: dir}, "report", "title\nnew line\nfooter\n")
	if len(f.errors) != 1 || len(f.fatals) != 0 {
		t.Fatalf("Assert of different content: %d Errorf, %d Fatalf (%q); want exactly one Errorf, so the test goes on %s",
			len(f.errors), len(f.fatals), f.reported(), edit)
	}
	msg := f.errors[0]
	for _, want := range []string{path, "-update", "- old line\n", "+ new line\n", "  title\n"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the mismatch message lacks %q:\n%s", want, msg)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != "title\nold line\nfooter\n" {
		t.Errorf("a compare rewrote the golden file to %q", b)
	}
}

func TestFinalNewlineDifferenceIsExplained(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "eol.golden"), "a\nb\n")
	f := assert(Golden{Dir: dir}, "eol", "a\nb")
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], "newline") {
		t.Errorf("Assert(%q) against %q reported %q; want one error that mentions the final newline %s", "a\nb", "a\nb\n", f.reported(), edit)
	}
	f = assert(Golden{Dir: dir}, "eol", "a\nc\n")
	if len(f.errors) != 1 || strings.Contains(f.errors[0], "newline") {
		t.Errorf("a real line change reported %q; want a diff, not a note about newlines", f.reported())
	}
}

func TestMissingFileTellsHowToCreateIt(t *testing.T) {
	dir := t.TempDir()
	f := assert(Golden{Dir: dir}, "absent", "x\n")
	if len(f.fatals) != 1 {
		t.Fatalf("Assert with no golden file: %d Fatalf (%q); want one: there is nothing to compare %s", len(f.fatals), f.reported(), edit)
	}
	if want := filepath.Join(dir, "absent.golden"); !strings.Contains(f.fatals[0], want) || !strings.Contains(f.fatals[0], "-update") {
		t.Errorf("the message %q should name %s and say to run with -update", f.fatals[0], want)
	}
}

func TestUpdateWritesAndCreatesDirectories(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "testdata") // does not exist yet
	f := assert(Golden{Dir: dir, Update: true}, "api/v1/list", "a\r\nb\r\n")
	if len(f.errors)+len(f.fatals) != 0 {
		t.Fatalf("Assert with Update reported %q, want nothing %s", f.reported(), edit)
	}
	path := filepath.Join(dir, "api", "v1", "list.golden")
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "a\nb\n" {
		t.Fatalf("after Update, %s = %q, %v; want %q (written with LF line endings)", path, b, err, "a\nb\n")
	}
	// Update overwrites a stale file, and the next compare passes.
	if f := assert(Golden{Dir: dir, Update: true}, "api/v1/list", "c\n"); len(f.errors)+len(f.fatals) != 0 {
		t.Fatalf("second Update reported %q", f.reported())
	}
	if f := assert(Golden{Dir: dir}, "api/v1/list", "c\n"); len(f.errors)+len(f.fatals) != 0 {
		t.Errorf("compare after Update reported %q, want a match", f.reported())
	}
	if f := assert(Golden{Dir: dir}, "api/v1/list", "a\nb\n"); len(f.errors) != 1 {
		t.Errorf("compare with the old content after Update reported %q, want one error", f.reported())
	}
}

func TestUpdateFailureIsFatal(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "file"), "not a directory")
	for _, name := range []string{"file/x", "file"} {
		// file/x: its directory is a regular file; file: Dir/file.golden is fine, so write a directory there first.
		if name == "file" {
			if err := os.MkdirAll(filepath.Join(dir, "file.golden"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		f := assert(Golden{Dir: dir, Update: true}, name, "x\n")
		if len(f.fatals) != 1 || !strings.Contains(f.fatals[0], filepath.Join(dir, name)) {
			t.Errorf("Update of %q where it cannot be written reported %q; want one Fatalf naming the path %s", name, f.reported(), edit)
		}
	}
}

// TestSelf uses the helper the way a real test does, on this exercise's own
// testdata/diff.golden: go test -run Self -update rewrites it.
func TestSelf(t *testing.T) {
	g := Golden{Dir: "testdata", Update: *update}
	g.Assert(t, "diff", []byte(Diff("GET /bookmarks\n200 OK\ncount: 1\n", "GET /bookmarks\n200 OK\ncount: 2\nnext: none\n")))
}
