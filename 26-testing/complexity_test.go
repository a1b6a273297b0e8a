package main

import (
	"cmp"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// maxComplexity is the chapter's gate on cyclomatic complexity: above it a
// function has more paths than a table of cases comfortably covers.
const maxComplexity = 10

// complexity is McCabe's number for one function: 1, plus one for every
// if, for, range, non-default case or select clause, && and ||.
func complexity(fn *ast.FuncDecl) int {
	n := 1
	ast.Inspect(fn, func(node ast.Node) bool {
		switch x := node.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			n++
		case *ast.CaseClause:
			if x.List != nil {
				n++
			}
		case *ast.CommClause:
			if x.Comm != nil {
				n++
			}
		case *ast.BinaryExpr:
			if x.Op == token.LAND || x.Op == token.LOR {
				n++
			}
		}
		return true
	})
	return n
}

// TestComplexity is a quality gate written as a test: it measures the
// server's own functions (not tests, not generated mocks) and fails above
// maxComplexity. `go test -v -run Complexity ./26-testing` lists the top five.
func TestComplexity(t *testing.T) {
	type scored struct {
		name string
		n    int
	}
	var all []scored
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("bookmark/*.go")
	fset := token.NewFileSet()
	for _, path := range append(files, more...) {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok {
				all = append(all, scored{path + ":" + fn.Name.Name, complexity(fn)})
			}
		}
	}
	if len(all) == 0 {
		t.Fatal("no functions measured")
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.name, b.name)) })
	for i, s := range all {
		if i < 5 {
			t.Logf("%2d  %s", s.n, s.name)
		}
		if s.n > maxComplexity {
			t.Errorf("%s has cyclomatic complexity %d, more than %d: split it", s.name, s.n, maxComplexity)
		}
	}
}
