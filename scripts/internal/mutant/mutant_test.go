package mutant

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	src := `package p

func F(a, b int, ok bool) (int, error) {
	if err := g(); err != nil {
		return 0, err
	}
	for i := 0; i < a; i++ {
		if !ok {
			continue
		}
		b += 2
	}
	return a * b, nil
}

func g() error { return nil }
`
	ms, err := Generate("p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.String())
	}
	want := []string{
		"p.go:4: err != nil → !(err != nil)",
		"p.go:4: err != nil → false",
		"p.go:4: err != nil → err == nil",
		"p.go:5: 0 → (0+1)",
		"p.go:5: return 0, err → return 0, nil",
		"p.go:7: 0 → (0+1)",
		"p.go:7: i < a → !(i < a)",
		"p.go:7: i < a → i <= a",
		"p.go:7: i++ → i--",
		"p.go:8: !ok → ok",
		"p.go:9: continue → {}",
		"p.go:11: b += 2 → b -= 2",
		"p.go:11: 2 → (2+1)",
		"p.go:11: 2 → (2-1)",
		"p.go:13: a * b → a / b",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("mutants:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Every mutant changes the source and stays one edit.
	for _, m := range ms {
		if out := string(m.Apply([]byte(src))); out == src {
			t.Errorf("%s: Apply changed nothing", m)
		}
	}
	if ms[0].Key() != "p.go:F: err != nil → !(err != nil)" {
		t.Errorf("Key() = %q", ms[0].Key())
	}
	// The same change at two places in one function: each key says which.
	var zeros []string
	for _, m := range ms {
		if m.BaseKey() == "p.go:F: 0 → (0+1)" {
			zeros = append(zeros, m.Key())
		}
	}
	if strings.Join(zeros, "|") != "p.go:F: 0 → (0+1) #1|p.go:F: 0 → (0+1) #2" {
		t.Errorf("keys of the two 0 → (0+1) mutants = %q, want #1 and #2", zeros)
	}
}

func TestGenerateSkipsWhatNeverCompiles(t *testing.T) {
	src := `package p

func F() (string, error) { return g() }
func g() (string, error) { return "a" + "b", nil }
`
	ms, err := Generate("p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		t.Errorf("unexpected mutant %s", m)
	}
}

func TestSampleIsDeterministicAndBounded(t *testing.T) {
	src, err := os.ReadFile("testdata/clamp/clamp_solution.go")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Generate("clamp_solution.go", src)
	if err != nil {
		t.Fatal(err)
	}
	a, b := Sample(ms, 5, "seed"), Sample(ms, 5, "seed")
	if len(a) != 5 {
		t.Fatalf("Sample(…, 5) returned %d mutants", len(a))
	}
	for i := range a {
		if a[i].String() != b[i].String() {
			t.Fatalf("two samples differ at %d: %s vs %s", i, a[i], b[i])
		}
		if i > 0 && a[i].start < a[i-1].start {
			t.Errorf("sample not in source order: %s after %s", a[i], a[i-1])
		}
	}
	if got := Sample(ms, 0, "seed"); len(got) != len(ms) {
		t.Errorf("Sample(…, 0) = %d mutants, want all %d", len(got), len(ms))
	}
}

func TestParseEquivalent(t *testing.T) {
	got, err := ParseEquivalent("# comment\n\nx_solution.go:F: a < b → a <= b — a and b are never equal here\n")
	if err != nil || got["x_solution.go:F: a < b → a <= b"] != "a and b are never equal here" {
		t.Errorf("ParseEquivalent = %v, %v", got, err)
	}
	for _, bad := range []string{"x.go:F: a < b → a <= b", "x.go:F: a < b → a <= b — ", "no arrow — reason"} {
		if _, err := ParseEquivalent(bad); err == nil {
			t.Errorf("ParseEquivalent(%q) accepted a line without a key and a reason", bad)
		}
	}
}

// fixture copies testdata/clamp into a fresh module with the given test file.
func fixture(t *testing.T, testFile string) Target {
	t.Helper()
	if testing.Short() {
		t.Skip("runs go test on every mutant")
	}
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module fixture/clamp\n\ngo 1.25\n"), 0o644))
	for _, f := range []string{"clamp.go", "clamp_solution.go"} {
		src, err := os.ReadFile(filepath.Join("testdata/clamp", f))
		must(err)
		must(os.WriteFile(filepath.Join(dir, f), src, 0o644))
	}
	src, err := os.ReadFile(filepath.Join("testdata/clamp", testFile))
	must(err)
	must(os.WriteFile(filepath.Join(dir, "clamp_test.go"), src, 0o644))
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	return Target{ModuleDir: dir, Package: ".", ImportPath: "fixture/clamp", Dir: dir, Files: []string{"clamp_solution.go"}, Tags: "solution"}
}

// The proof the issue asks of any mutation tool: a test that checks nothing
// must score zero, and mutants that do not compile must not count as kills.
func TestRunEmptyTestKillsNothing(t *testing.T) {
	tg := fixture(t, "empty_test.go.txt")
	res, err := Run(context.Background(), tg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if k := res.Count(Killed); k != 0 {
		t.Errorf("a test that checks nothing killed %d mutants", k)
	}
	if res.Score() != 0 {
		t.Errorf("score = %v, want 0", res.Score())
	}
	if res.Count(Survived) == 0 || res.Count(Survived)+res.Count(NoCompile) != res.Total {
		t.Errorf("survived %d + no-compile %d, want all %d", res.Count(Survived), res.Count(NoCompile), res.Total)
	}
	if res.Count(NoCompile) == 0 {
		t.Errorf("expected some mutants not to compile (an index ±1 past a fixed array), got none")
	}
}

func TestRunStrongTestKillsEverything(t *testing.T) {
	tg := fixture(t, "strong_test.go.txt")
	tg.Equivalent = map[string]string{
		// At v == lo both branches return the same value.
		"clamp_solution.go:Clamp: v < lo → v <= lo": "v == lo returns lo either way",
		"clamp_solution.go:Clamp: v > hi → v >= hi": "v == hi returns hi either way",
		"clamp_solution.go:Label: 2 → (2+1)":        "a longer array holds the same two names",
		// i < len(xs) → i <= len(xs) panics: killed, so listing it is stale.
		"clamp_solution.go:Sum: i < len(xs) → i <= len(xs)": "stale entry on purpose",
	}
	res, err := Run(context.Background(), tg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Survivors() {
		t.Errorf("survivor: %s", s)
	}
	if res.Score() != 1 {
		t.Errorf("score = %v, want 1", res.Score())
	}
	if res.Count(Equivalent) != 3 {
		t.Errorf("equivalent = %d, want the 3 listed survivors", res.Count(Equivalent))
	}
	if res.Count(ListedKill) != 1 {
		t.Errorf("listed-but-killed = %d, want 1 (the stale entry)", res.Count(ListedKill))
	}
}

func TestRunRejectsAFailingReference(t *testing.T) {
	tg := fixture(t, "strong_test.go.txt")
	tg.Tags = "" // the stub fails the tests
	if _, err := Run(context.Background(), tg, Options{}); err == nil || !strings.Contains(err.Error(), "fail on the unmutated reference") {
		t.Errorf("Run on a failing reference: err = %v", err)
	}
}
