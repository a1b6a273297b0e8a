package gotest

import (
	"bufio"
	"encoding/json"
	"io"
	"sort"
	"strings"
)

// Test is the result of one test function or subtest.
type Test struct {
	// Name is the full name as `go test` prints it, e.g. "TestParse/empty_line".
	Name    string
	Status  Status
	Elapsed float64
	// Output is everything the test printed, without the "=== RUN" and
	// "--- PASS/FAIL" framing lines.
	Output string
	// Unfinished is true when the test never reported a verdict: the test
	// binary panicked elsewhere or hit -timeout while it ran. Its Status is
	// then StatusFail.
	Unfinished bool
}

// TopLevel reports whether t is a test function rather than a subtest.
func (t *Test) TopLevel() bool { return !strings.Contains(t.Name, "/") }

// Package is the result of one package.
type Package struct {
	ImportPath string
	Status     Status
	Elapsed    float64
	// Tests in the order they started.
	Tests []*Test
	// Output is the package-level output (panics outside a test, the
	// "FAIL pkg" summary line).
	Output string
	// BuildOutput holds compiler errors when Status is StatusBuildFail.
	BuildOutput string

	byName map[string]*Test
}

// Test returns the named test, or nil.
func (p *Package) Test(name string) *Test { return p.byName[name] }

// Failed returns the failed tests that have no failed subtest: the places a
// learner should look first.
func (p *Package) Failed() []*Test {
	var out []*Test
	for _, t := range p.Tests {
		if t.Status != StatusFail {
			continue
		}
		leaf := true
		for _, u := range p.Tests {
			if u.Status == StatusFail && strings.HasPrefix(u.Name, t.Name+"/") {
				leaf = false
				break
			}
		}
		if leaf {
			out = append(out, t)
		}
	}
	return out
}

// Report is the folded result of one `go test -json` run.
type Report struct {
	Packages map[string]*Package
	// Stray is output that was not a JSON event (for example from a go
	// command older than 1.24, or a tool that wrote to stdout directly).
	Stray string
}

// Package returns the named package, or nil.
func (r *Report) Package(importPath string) *Package { return r.Packages[importPath] }

// ImportPaths returns the packages' import paths, sorted.
func (r *Report) ImportPaths() []string {
	out := make([]string, 0, len(r.Packages))
	for p := range r.Packages {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Parse reads a `go test -json` stream to its end and folds it into a Report.
// Lines that are not JSON events are kept in Report.Stray; only a read error
// is returned.
func Parse(r io.Reader) (*Report, error) {
	p := NewParser()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		p.Line(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		return p.Report(), err
	}
	return p.Report(), nil
}

// Parser folds events one at a time, so a caller can show progress while
// `go test` runs. The zero value is not usable; call NewParser.
type Parser struct {
	report *Report
	stray  strings.Builder
	// build output keyed by the ImportPath of build events, e.g.
	// "x/y [x/y.test]".
	builds map[string]*strings.Builder
}

// NewParser returns an empty Parser.
func NewParser() *Parser {
	return &Parser{
		report: &Report{Packages: map[string]*Package{}},
		builds: map[string]*strings.Builder{},
	}
}

// Line consumes one line of the stream and returns the event it held, if
// it was one.
func (p *Parser) Line(line []byte) (Event, bool) {
	var ev Event
	if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &ev) != nil || ev.Action == "" {
		if len(line) > 0 {
			p.stray.Write(line)
			p.stray.WriteByte('\n')
		}
		return ev, false
	}
	p.Event(ev)
	return ev, true
}

// Event consumes one event.
func (p *Parser) Event(ev Event) {
	switch ev.Action {
	case "build-output":
		b := p.builds[ev.ImportPath]
		if b == nil {
			b = &strings.Builder{}
			p.builds[ev.ImportPath] = b
		}
		b.WriteString(ev.Output)
		return
	case "build-fail":
		return
	}
	if ev.Package == "" {
		if ev.Output != "" {
			p.stray.WriteString(ev.Output)
		}
		return
	}
	pkg := p.pkg(ev.Package)
	if ev.Test == "" {
		switch ev.Action {
		case "output":
			pkg.Output += ev.Output
		case "pass", "fail", "skip":
			pkg.Status = Status(ev.Action)
			pkg.Elapsed = ev.Elapsed
			if ev.FailedBuild != "" {
				pkg.Status = StatusBuildFail
				if b := p.builds[ev.FailedBuild]; b != nil {
					pkg.BuildOutput += b.String()
				}
			} else if ev.Action == "fail" && strings.Contains(pkg.Output, "[build failed]") {
				pkg.Status = StatusBuildFail
			} else if ev.Action == "fail" && strings.Contains(pkg.Output, "[setup failed]") {
				pkg.Status = StatusBuildFail
			}
			if ev.Action == "fail" {
				p.finishUnfinished(pkg)
			}
		}
		return
	}
	t := pkg.byName[ev.Test]
	if t == nil {
		t = &Test{Name: ev.Test}
		pkg.byName[ev.Test] = t
		pkg.Tests = append(pkg.Tests, t)
	}
	switch ev.Action {
	case "output":
		if !framing(ev.Output) {
			t.Output += ev.Output
		}
	case "pass", "fail", "skip":
		t.Status = Status(ev.Action)
		t.Elapsed = ev.Elapsed
	}
}

// Report returns the results folded so far. Tests of a package that ended
// without a verdict are marked failed and unfinished.
func (p *Parser) Report() *Report {
	p.report.Stray = p.stray.String()
	for _, pkg := range p.report.Packages {
		if pkg.Status == StatusUnknown {
			// The stream stopped mid-package: the go command was killed.
			p.finishUnfinished(pkg)
		}
	}
	return p.report
}

func (p *Parser) pkg(path string) *Package {
	pkg := p.report.Packages[path]
	if pkg == nil {
		pkg = &Package{ImportPath: path, byName: map[string]*Test{}}
		p.report.Packages[path] = pkg
	}
	return pkg
}

// finishUnfinished marks tests that never reported a verdict as failed. A
// test that was running when the binary hit -timeout, or when another
// goroutine panicked, ends this way.
func (p *Parser) finishUnfinished(pkg *Package) {
	for _, t := range pkg.Tests {
		if t.Status == StatusUnknown {
			t.Status = StatusFail
			t.Unfinished = true
		}
	}
}

// framing reports whether line is one of the lines the testing package
// prints around a test's own output.
func framing(line string) bool {
	s := strings.TrimLeft(line, " ")
	for _, prefix := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME", "--- PASS", "--- FAIL", "--- SKIP"} {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
