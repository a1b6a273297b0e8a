//go:build solution

package depcheck

import (
	"cmp"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Check loads the packages matching patterns (e.g. "./...") in the module
// rooted at dir, on its own (GOWORK=off), and returns every import in
// their non-test Go files that breaks one of rules, sorted by File then
// Line. A package that cannot be loaded is an error.
func Check(dir string, patterns []string, rules []Rule) ([]Violation, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports,
		Dir:  abs,
		Env:  append(os.Environ(), "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %v in %s", patterns, dir)
	}
	// An import that cannot be resolved shows up on the imported package,
	// so look at the whole graph, not only at the roots.
	var loadErr error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 && loadErr == nil {
			loadErr = fmt.Errorf("loading %s: %v", p.PkgPath, p.Errors[0])
		}
	})
	if loadErr != nil {
		return nil, loadErr
	}
	var out []Violation
	fset := token.NewFileSet()
	for _, p := range pkgs {
		var deny []string
		for _, r := range rules {
			if match(r.From, p.PkgPath) {
				deny = append(deny, r.Deny...)
			}
		}
		if len(deny) == 0 {
			continue
		}
		for _, file := range p.GoFiles {
			f, err := parser.ParseFile(fset, file, nil, parser.ImportsOnly)
			if err != nil {
				return nil, err
			}
			rel, err := filepath.Rel(abs, file)
			if err != nil {
				return nil, err
			}
			for _, spec := range f.Imports {
				path, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					return nil, err
				}
				if slices.ContainsFunc(deny, func(d string) bool { return match(d, path) }) {
					out = append(out, Violation{Package: p.PkgPath, Import: path, File: filepath.ToSlash(rel), Line: fset.Position(spec.Pos()).Line})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Violation) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out, nil
}

func match(pattern, path string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return path == base || strings.HasPrefix(path, base+"/")
	}
	return path == pattern
}
