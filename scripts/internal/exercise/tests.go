package exercise

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// TestFuncs returns the names of the top-level Test functions declared in
// the exercise's *_test.go files, sorted. The grader uses them to notice a
// test that never ran.
func (e *Exercise) TestFuncs() ([]string, error) {
	code, err := e.TestCode()
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(code))
	for name := range code {
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// TestCode maps each top-level Test function of the exercise's *_test.go
// files to its source text (exercism's test_code).
func (e *Exercise) TestCode() (map[string]string, error) {
	entries, err := os.ReadDir(e.Dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	code := map[string]string{}
	for _, ent := range entries {
		if ent.IsDir() || !strings.HasSuffix(ent.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(e.Dir, ent.Name()))
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, ent.Name(), src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !isTestName(fn.Name.Name) || fn.Type.Params.NumFields() != 1 {
				continue
			}
			start, end := fset.Position(fn.Pos()).Offset, fset.Position(fn.End()).Offset
			code[fn.Name.Name] = string(src[start:end])
		}
	}
	return code, nil
}

// isTestName reports whether name is a test function name as `go test`
// defines it: "Test" followed by nothing or a non-lowercase letter.
func isTestName(name string) bool {
	if !strings.HasPrefix(name, "Test") || name == "TestMain" {
		return false
	}
	rest := name[len("Test"):]
	return rest == "" || !(rest[0] >= 'a' && rest[0] <= 'z')
}
