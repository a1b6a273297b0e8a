package cli

import (
	"bytes"
	"strings"
	"testing"

	"workbook/scripts/internal/exercise"
	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/manifest"
	"workbook/scripts/internal/term"
)

// TestLabels: what list, verify and next print for each verdict.
func TestLabels(t *testing.T) {
	ex := &exercise.Exercise{Chapter: "11-x", Name: "1-a", RelDir: "11-x/exercises/1-a", Readme: &exercise.Readme{File: "a.go"}}
	pgSkip := grade.Skip{Test: "TestDB", File: "a_test.go", Line: 3, Message: "postgres unavailable (…)", Service: "postgres", EnvVar: "WORKBOOK_POSTGRES_URL"}
	otherSkip := grade.Skip{Test: "TestB", File: "a_test.go", Line: 9, Message: "protoc not installed"}
	tests := []struct {
		name      string
		verdict   grade.Verdict
		pristine  bool
		changes   []manifest.Change
		wantState progressState
		want      []string
		notWant   []string
	}{
		{name: "passed", verdict: grade.Verdict{Status: grade.Pass}, wantState: passed, want: []string{"✓", "passed"}},
		{name: "skipped for PostgreSQL", verdict: grade.Verdict{Status: grade.Skipped, Skips: []grade.Skip{pgSkip}}, wantState: skipped,
			want: []string{"!", "skipped — needs PostgreSQL"}, notWant: []string{"passed"}},
		{name: "skipped for another reason", verdict: grade.Verdict{Status: grade.Skipped, Skips: []grade.Skip{otherSkip}}, wantState: skipped,
			want: []string{"skipped — protoc not installed"}},
		{name: "not started, with skips", verdict: grade.Verdict{Status: grade.Fail, Skips: []grade.Skip{pgSkip, pgSkip}}, pristine: true, wantState: notStarted,
			want: []string{"not started (2 skipped — needs PostgreSQL)"}},
		{name: "failing, with a skip", verdict: grade.Verdict{Status: grade.Fail, Failed: nil, Skips: []grade.Skip{pgSkip}}, wantState: failing,
			want: []string{"failing (1 skipped — needs PostgreSQL)"}},
		{name: "injected skip", verdict: grade.Verdict{Status: grade.Tampered, Detail: "TestB was skipped from a.go:7, which is not a test file: …"}, wantState: tampered,
			want: []string{"!", "tampered: TestB was skipped from a.go:7"}},
		{name: "a modified types.go: git checkout", verdict: grade.Verdict{Status: grade.Pass}, wantState: passed,
			changes: []manifest.Change{{Path: "11-x/exercises/1-a/types.go", Kind: manifest.Modified}},
			want:    []string{"passed (but types.go modified: grading gives it 0; undo with: git checkout -- 11-x/exercises/1-a/types.go)"}},
		{name: "an added test file: rm, not git checkout", verdict: grade.Verdict{Status: grade.Pass}, wantState: passed,
			changes: []manifest.Change{{Path: "11-x/exercises/1-a/main_test.go", Kind: manifest.Extra}},
			want:    []string{"main_test.go added", "undo with: rm 11-x/exercises/1-a/main_test.go"}, notWant: []string{"git checkout"}},
	}
	app := &App{out: term.StyleFor(&bytes.Buffer{}, func(string) string { return "1" })}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := stateOf(ex, tc.verdict, tc.pristine)
			s.changes = tc.changes
			if s.state != tc.wantState {
				t.Errorf("stateOf() = %v, want %v", s.state, tc.wantState)
			}
			mark, word := app.label(s)
			got := mark + " " + word
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("label = %q, want it to contain %q", got, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("label = %q, want no %q", got, w)
				}
			}
		})
	}
}

func TestVerdictLine(t *testing.T) {
	pg := grade.Skip{Service: "postgres"}
	tests := []struct {
		v    grade.Verdict
		want string
	}{
		{grade.Verdict{Status: grade.Pass}, "passed"},
		{grade.Verdict{Status: grade.Skipped, Skips: []grade.Skip{pg}}, "skipped — needs PostgreSQL"},
		{grade.Verdict{Status: grade.Tampered, Detail: "TestB was skipped from a.go:7\nmore"}, "tampered: TestB was skipped from a.go:7"},
		{grade.Verdict{Status: grade.Error}, "does not compile"},
	}
	for _, tc := range tests {
		if got := verdictLine(tc.v); got != tc.want {
			t.Errorf("verdictLine(%v) = %q, want %q", tc.v.Status, got, tc.want)
		}
	}
}
