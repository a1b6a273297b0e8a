package gotest

import (
	"strings"
	"testing"
)

// stream joins JSON lines into a `go test -json` stream.
func stream(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

func TestParse(t *testing.T) {
	type wantTest struct {
		name       string
		status     Status
		unfinished bool
		output     string // substring of the test's output
	}
	tests := []struct {
		name        string
		in          string
		pkg         string
		wantStatus  Status
		wantTests   []wantTest
		wantFailed  []string
		wantBuild   string // substring of BuildOutput
		wantPkgOut  string // substring of package Output
		wantStray   string
		wantMissing bool
	}{
		{
			name: "pass with subtests",
			in: stream(
				`{"Action":"start","Package":"p"}`,
				`{"Action":"run","Package":"p","Test":"TestA"}`,
				`{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}`,
				`{"Action":"run","Package":"p","Test":"TestA/one"}`,
				`{"Action":"output","Package":"p","Test":"TestA/one","Output":"    a_test.go:9: log line\n"}`,
				`{"Action":"output","Package":"p","Test":"TestA/one","Output":"    --- PASS: TestA/one (0.00s)\n"}`,
				`{"Action":"pass","Package":"p","Test":"TestA/one","Elapsed":0.01}`,
				`{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0.02}`,
				`{"Action":"output","Package":"p","Output":"ok  \tp\t0.1s\n"}`,
				`{"Action":"pass","Package":"p","Elapsed":0.1}`,
			),
			pkg:        "p",
			wantStatus: StatusPass,
			wantTests: []wantTest{
				{name: "TestA", status: StatusPass},
				{name: "TestA/one", status: StatusPass, output: "log line"},
			},
		},
		{
			name: "failing subtest, skip, and framing lines dropped",
			in: stream(
				`{"Action":"run","Package":"p","Test":"TestOK"}`,
				`{"Action":"run","Package":"p","Test":"TestOK/bad"}`,
				`{"Action":"output","Package":"p","Test":"TestOK/bad","Output":"=== RUN   TestOK/bad\n"}`,
				`{"Action":"output","Package":"p","Test":"TestOK/bad","Output":"    a_test.go:3: Add(1) = 2, want 3\n"}`,
				`{"Action":"output","Package":"p","Test":"TestOK/bad","Output":"--- FAIL: TestOK/bad (0.00s)\n"}`,
				`{"Action":"fail","Package":"p","Test":"TestOK/bad"}`,
				`{"Action":"fail","Package":"p","Test":"TestOK"}`,
				`{"Action":"run","Package":"p","Test":"TestSkip"}`,
				`{"Action":"output","Package":"p","Test":"TestSkip","Output":"    a_test.go:4: needs postgres\n"}`,
				`{"Action":"skip","Package":"p","Test":"TestSkip"}`,
				`{"Action":"output","Package":"p","Output":"FAIL\n"}`,
				`{"Action":"fail","Package":"p","Elapsed":0.06}`,
			),
			pkg:        "p",
			wantStatus: StatusFail,
			wantTests: []wantTest{
				{name: "TestOK", status: StatusFail},
				{name: "TestOK/bad", status: StatusFail, output: "Add(1) = 2, want 3"},
				{name: "TestSkip", status: StatusSkip, output: "needs postgres"},
			},
			wantFailed: []string{"TestOK/bad"},
		},
		{
			name: "build failure (Go 1.24+ build events)",
			in: stream(
				`{"ImportPath":"p [p.test]","Action":"build-output","Output":"# p [p.test]\n"}`,
				`{"ImportPath":"p [p.test]","Action":"build-output","Output":"b_test.go:3:32: undefined: undefined\n"}`,
				`{"ImportPath":"p [p.test]","Action":"build-fail"}`,
				`{"Action":"start","Package":"p"}`,
				`{"Action":"output","Package":"p","Output":"FAIL\tp [build failed]\n"}`,
				`{"Action":"fail","Package":"p","Elapsed":0,"FailedBuild":"p [p.test]"}`,
			),
			pkg:        "p",
			wantStatus: StatusBuildFail,
			wantBuild:  "undefined: undefined",
		},
		{
			name: "build failure from an older go: text on stdout",
			in: stream(
				`# p`,
				`./p.go:3:1: syntax error`,
				`{"Action":"output","Package":"p","Output":"FAIL\tp [build failed]\n"}`,
				`{"Action":"fail","Package":"p","Elapsed":0}`,
			),
			pkg:        "p",
			wantStatus: StatusBuildFail,
			wantPkgOut: "[build failed]",
			wantStray:  "syntax error",
		},
		{
			name: "panic fails the running test",
			in: stream(
				`{"Action":"run","Package":"p","Test":"TestPanic"}`,
				`{"Action":"output","Package":"p","Test":"TestPanic","Output":"--- FAIL: TestPanic (0.00s)\n"}`,
				`{"Action":"output","Package":"p","Test":"TestPanic","Output":"panic: assignment to entry in nil map\n"}`,
				`{"Action":"fail","Package":"p","Test":"TestPanic"}`,
				`{"Action":"fail","Package":"p","Elapsed":0.02}`,
			),
			pkg:        "p",
			wantStatus: StatusFail,
			wantTests:  []wantTest{{name: "TestPanic", status: StatusFail, output: "panic: assignment"}},
			wantFailed: []string{"TestPanic"},
		},
		{
			name: "timeout leaves the test unfinished",
			in: stream(
				`{"Action":"run","Package":"p","Test":"TestSlow"}`,
				`{"Action":"output","Package":"p","Test":"TestSlow","Output":"panic: test timed out after 1s\n"}`,
				`{"Action":"output","Package":"p","Output":"FAIL\tp\t1.029s\n"}`,
				`{"Action":"fail","Package":"p","Elapsed":1.029}`,
			),
			pkg:        "p",
			wantStatus: StatusFail,
			wantTests:  []wantTest{{name: "TestSlow", status: StatusFail, unfinished: true, output: "timed out"}},
			wantFailed: []string{"TestSlow"},
		},
		{
			name: "stream cut off mid-package",
			in: stream(
				`{"Action":"run","Package":"p","Test":"TestA"}`,
			),
			pkg:        "p",
			wantStatus: StatusUnknown,
			wantTests:  []wantTest{{name: "TestA", status: StatusFail, unfinished: true}},
		},
		{
			name: "no test files",
			in: stream(
				`{"Action":"output","Package":"p","Output":"?   \tp\t[no test files]\n"}`,
				`{"Action":"skip","Package":"p","Elapsed":0}`,
			),
			pkg:        "p",
			wantStatus: StatusSkip,
			wantPkgOut: "no test files",
		},
		{
			name:        "package absent",
			in:          stream(`{"Action":"pass","Package":"q"}`),
			pkg:         "p",
			wantMissing: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Parse(strings.NewReader(tc.in))
			if err != nil {
				t.Fatalf("Parse() error = %v", err)
			}
			pkg := rep.Package(tc.pkg)
			if tc.wantMissing {
				if pkg != nil {
					t.Fatalf("Package(%q) = %+v, want nil", tc.pkg, pkg)
				}
				return
			}
			if pkg == nil {
				t.Fatalf("Package(%q) = nil; packages: %v", tc.pkg, rep.ImportPaths())
			}
			if pkg.Status != tc.wantStatus {
				t.Errorf("package status = %q, want %q", pkg.Status, tc.wantStatus)
			}
			for _, wt := range tc.wantTests {
				got := pkg.Test(wt.name)
				if got == nil {
					t.Errorf("Test(%q) = nil, want a result", wt.name)
					continue
				}
				if got.Status != wt.status || got.Unfinished != wt.unfinished {
					t.Errorf("Test(%q) = %q unfinished=%v, want %q unfinished=%v", wt.name, got.Status, got.Unfinished, wt.status, wt.unfinished)
				}
				if !strings.Contains(got.Output, wt.output) {
					t.Errorf("Test(%q).Output = %q, want it to contain %q", wt.name, got.Output, wt.output)
				}
				for _, frame := range []string{"=== RUN", "--- PASS", "--- FAIL"} {
					if strings.Contains(got.Output, frame) {
						t.Errorf("Test(%q).Output = %q, want no %q framing", wt.name, got.Output, frame)
					}
				}
			}
			if tc.wantFailed != nil {
				var names []string
				for _, f := range pkg.Failed() {
					names = append(names, f.Name)
				}
				if strings.Join(names, ",") != strings.Join(tc.wantFailed, ",") {
					t.Errorf("Failed() = %v, want %v", names, tc.wantFailed)
				}
			}
			if !strings.Contains(pkg.BuildOutput, tc.wantBuild) {
				t.Errorf("BuildOutput = %q, want it to contain %q", pkg.BuildOutput, tc.wantBuild)
			}
			if !strings.Contains(pkg.Output, tc.wantPkgOut) {
				t.Errorf("Output = %q, want it to contain %q", pkg.Output, tc.wantPkgOut)
			}
			if !strings.Contains(rep.Stray, tc.wantStray) {
				t.Errorf("Stray = %q, want it to contain %q", rep.Stray, tc.wantStray)
			}
		})
	}
}

func TestOptionsArgs(t *testing.T) {
	got := strings.Join(Options{Patterns: []string{"./exercises/..."}, Tags: "solution", Timeout: "60s"}.Args(), " ")
	want := "test -json -tags solution -timeout 60s ./exercises/..."
	if got != want {
		t.Errorf("Args() = %q, want %q", got, want)
	}
}

// TestParseElapsed: tests and packages keep go test's Elapsed seconds, which
// JUnit's time attributes are written from.
func TestParseElapsed(t *testing.T) {
	rep, err := Parse(strings.NewReader(stream(
		`{"Action":"run","Package":"p","Test":"TestA"}`,
		`{"Action":"run","Package":"p","Test":"TestA/sub"}`,
		`{"Action":"pass","Package":"p","Test":"TestA/sub","Elapsed":0.125}`,
		`{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0.25}`,
		`{"Action":"run","Package":"p","Test":"TestB"}`,
		`{"Action":"skip","Package":"p","Test":"TestB","Elapsed":0}`,
		`{"Action":"pass","Package":"p","Elapsed":1.5}`,
	)))
	if err != nil {
		t.Fatal(err)
	}
	pkg := rep.Package("p")
	tests := []struct {
		name string
		want float64
	}{{"TestA", 0.25}, {"TestA/sub", 0.125}, {"TestB", 0}}
	for _, tc := range tests {
		if got := pkg.Test(tc.name).Elapsed; got != tc.want {
			t.Errorf("%s Elapsed = %v, want %v", tc.name, got, tc.want)
		}
	}
	if pkg.Elapsed != 1.5 {
		t.Errorf("package Elapsed = %v, want 1.5", pkg.Elapsed)
	}
}
