package manifest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestComputeEncodeDecode(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "01-x", "exercises", "1-a")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"a.go": "stub", "a_solution.go": "ref", "a_test.go": "test", "README.md": "readme",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := Compute(root, []string{"01-x/exercises/1-a"})
	if err != nil {
		t.Fatal(err)
	}
	want := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  01-x/exercises/1-a/a_test.go\n"
	enc := string(m.Encode())
	if !strings.HasSuffix(enc, want) || strings.Count(enc, "\n") != 2 || !strings.HasPrefix(strings.Split(enc, "\n")[0][66:], "01-x/exercises/1-a/a_solution.go") {
		t.Errorf("Encode() = %q, want the solution then the test file, sorted, in sha256sum format", enc)
	}
	back, err := Decode(strings.NewReader(enc))
	if err != nil || !reflect.DeepEqual(back, m) {
		t.Errorf("Decode(Encode(m)) = %v, %v; want %v", back, err, m)
	}
	if err := Write(root, m); err != nil {
		t.Fatal(err)
	}
	read, err := Read(root)
	if err != nil || !reflect.DeepEqual(read, m) {
		t.Errorf("Read(Write(m)) = %v, %v; want %v", read, err, m)
	}
}

func TestDecodeRejectsMalformed(t *testing.T) {
	for _, in := range []string{
		"abc  x_test.go\n",
		strings.Repeat("z", 64) + "  x_test.go\n",
		strings.Repeat("a", 64) + " x_test.go\n",
	} {
		if _, err := Decode(strings.NewReader(in)); err == nil {
			t.Errorf("Decode(%q) = nil error, want one", in)
		}
	}
}

func TestDiff(t *testing.T) {
	h := func(c string) string { return strings.Repeat(c, 64) }
	recorded := Manifest{
		"c/exercises/1-a/a_test.go":     h("1"),
		"c/exercises/1-a/a_solution.go": h("2"),
		"c/exercises/2-b/b_test.go":     h("3"),
	}
	tests := []struct {
		name      string
		actual    Manifest
		want      []Change
		wantStale int
	}{
		{name: "unchanged", actual: Manifest{"c/exercises/1-a/a_test.go": h("1"), "c/exercises/1-a/a_solution.go": h("2"), "c/exercises/2-b/b_test.go": h("3")}},
		{
			name:   "modified test",
			actual: Manifest{"c/exercises/1-a/a_test.go": h("9"), "c/exercises/1-a/a_solution.go": h("2"), "c/exercises/2-b/b_test.go": h("3")},
			want:   []Change{{"c/exercises/1-a/a_test.go", Modified}}, wantStale: 1,
		},
		{
			name:   "solution file deleted",
			actual: Manifest{"c/exercises/1-a/a_test.go": h("1"), "c/exercises/2-b/b_test.go": h("3")},
			want:   []Change{{"c/exercises/1-a/a_solution.go", Missing}}, wantStale: 1,
		},
		{
			name: "extra test file (a TestMain that exits 0)",
			actual: Manifest{"c/exercises/1-a/a_test.go": h("1"), "c/exercises/1-a/a_solution.go": h("2"), "c/exercises/2-b/b_test.go": h("3"),
				"c/exercises/2-b/main_test.go": h("4")},
			want: []Change{{"c/exercises/2-b/main_test.go", Extra}}, wantStale: 1,
		},
		{
			name: "an extra *_solution.go is not tampering but makes the sums stale",
			actual: Manifest{"c/exercises/1-a/a_test.go": h("1"), "c/exercises/1-a/a_solution.go": h("2"), "c/exercises/2-b/b_test.go": h("3"),
				"c/exercises/2-b/my_solution.go": h("5")},
			wantStale: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Diff(recorded, tc.actual)
			if len(got) != len(tc.want) || (len(got) > 0 && !reflect.DeepEqual(got, tc.want)) {
				t.Errorf("Diff() = %v, want %v", got, tc.want)
			}
			if stale := Stale(recorded, tc.actual); len(stale) != tc.wantStale {
				t.Errorf("Stale() = %v, want %d changes", stale, tc.wantStale)
			}
		})
	}
}

func TestFilter(t *testing.T) {
	m := Manifest{"01-a/exercises/1-x/x_test.go": "1", "01-ab/exercises/1-y/y_test.go": "2"}
	got := m.Filter([]string{"01-a/exercises"})
	if len(got) != 1 || got["01-a/exercises/1-x/x_test.go"] != "1" {
		t.Errorf("Filter() = %v, want only 01-a's entry", got)
	}
}

func TestGuardedFiles(t *testing.T) {
	tests := []struct {
		name  string
		names []string
		want  []string
	}{
		{"stub beside its reference is left out", []string{"README.md", "add.go", "add_solution.go", "add_test.go"}, []string{"add_solution.go", "add_test.go"}},
		{"types.go and doc.go are guarded", []string{"accept.go", "accept_solution.go", "accept_test.go", "doc.go", "types.go"}, []string{"accept_solution.go", "accept_test.go", "doc.go", "types.go"}},
		{"a .go file with no reference beside it is guarded", []string{"x.go", "y_test.go"}, []string{"x.go", "y_test.go"}},
		{"non-Go files are not", []string{"hints.md", "notes.txt", "go.mod"}, nil},
		{"a solution's stub-like name is still guarded", []string{"a_solution.go", "a_solution_solution.go"}, []string{"a_solution.go", "a_solution_solution.go"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := GuardedFiles(tc.names); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("GuardedFiles(%v) = %v, want %v", tc.names, got, tc.want)
			}
		})
	}
}

// TestComputeGuardsWhatTheTestsUse: types.go, other non-stub Go files and
// testdata/ are in the manifest, so a learner who changes a type the tests
// use is caught; the stub and the READMEs are not.
func TestComputeGuardsWhatTheTestsUse(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "01-x", "exercises", "1-a")
	if err := os.MkdirAll(filepath.Join(dir, "testdata", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"a.go": "stub", "a_solution.go": "ref", "a_test.go": "test", "types.go": "types", "doc.go": "doc",
		"README.md": "readme", "hints.md": "hints", "testdata/golden.json": "{}", "testdata/sub/x.sql": "select 1",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := Compute(root, []string{"01-x/exercises/1-a"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"01-x/exercises/1-a/a_solution.go", "01-x/exercises/1-a/a_test.go", "01-x/exercises/1-a/doc.go",
		"01-x/exercises/1-a/testdata/golden.json", "01-x/exercises/1-a/testdata/sub/x.sql", "01-x/exercises/1-a/types.go",
	}
	if got := m.Paths(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Compute() paths = %v, want %v", got, want)
	}

	// The learner edits the stub: nothing changed. Edits types.go: modified.
	if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte("solved"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "types.go"), []byte("type T int"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "helper.go"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := Compute(root, []string{"01-x/exercises/1-a"})
	if err != nil {
		t.Fatal(err)
	}
	got := Diff(m, after)
	wantDiff := []Change{{"01-x/exercises/1-a/types.go", Modified}}
	if !reflect.DeepEqual(got, wantDiff) {
		t.Errorf("Diff after editing the stub, types.go and adding helper.go = %v, want %v", got, wantDiff)
	}
}

func TestComputeWithoutTestdata(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "c", "exercises", "1-a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Compute(root, []string{"c/exercises/1-a"}); err != nil {
		t.Errorf("Compute() with no testdata/ = %v, want nil", err)
	}
}

func TestChangeFix(t *testing.T) {
	tests := []struct {
		c    Change
		want string
	}{
		{Change{"c/exercises/1-a/main_test.go", Extra}, "rm c/exercises/1-a/main_test.go"},
		{Change{"c/exercises/1-a/a_test.go", Modified}, "git checkout -- c/exercises/1-a/a_test.go"},
		{Change{"c/exercises/1-a/types.go", Missing}, "git checkout -- c/exercises/1-a/types.go"},
	}
	for _, tc := range tests {
		if got := tc.c.Fix(); got != tc.want {
			t.Errorf("%v.Fix() = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestExerciseDir(t *testing.T) {
	tests := map[string]string{
		"01-x/exercises/1-a/a_test.go":            "01-x/exercises/1-a",
		"01-x/exercises/1-a/testdata/golden.json": "01-x/exercises/1-a",
		"01-x/exercises/1-a/testdata/sub/x.sql":   "01-x/exercises/1-a",
		"elsewhere/file.go":                       "elsewhere",
	}
	for in, want := range tests {
		if got := ExerciseDir(in); got != want {
			t.Errorf("ExerciseDir(%q) = %q, want %q", in, got, want)
		}
	}
}
