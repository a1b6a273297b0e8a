// Package archcheck enforces the dependency rule of a layered or hexagonal
// design on real Go packages: "the service may not depend on httpapi,
// adapters or net/http". It loads packages with golang.org/x/tools/go/packages
// (which runs `go list` underneath, so the go command must be on PATH) and
// follows imports transitively, the way `go list -deps` does: a forbidden
// package three imports away is still a violation, reported with the chain
// of imports that reaches it.
package archcheck

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Rule says: no package matching From may depend, directly or through
// other packages, on a package matching any of Forbid.
//
// A pattern p matches the import path q when q is p, q is below p
// (p + "/…"), or p ends in "/" and q starts with p ("github.com/jackc/"
// matches every repository of that owner). These are the matching rules
// of the capstone's layers_test.go.
type Rule struct {
	From   string
	Forbid []string
	Why    string // printed with each violation
}

// Violation is one forbidden dependency.
type Violation struct {
	Package string   // the package the rule constrains
	Dep     string   // the forbidden package it reaches
	Chain   []string // Package, the packages in between, Dep
	Why     string
}

func (v Violation) String() string {
	return strings.Join(v.Chain, " → ") + ": " + v.Why
}

// Matches reports whether pattern matches the import path path.
func Matches(pattern, path string) bool {
	return path == pattern ||
		strings.HasPrefix(path, pattern+"/") ||
		(strings.HasSuffix(pattern, "/") && strings.HasPrefix(path, pattern))
}

// Check loads patterns (e.g. "./...") in dir and returns every violation
// of rules, sorted by package then dependency. env is added to the go
// command's environment (e.g. "GOWORK=off" for a module outside go.work).
// A package that fails to load is an error, not a pass.
func Check(dir string, patterns []string, rules []Rule, env ...string) ([]Violation, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps,
		Dir:  dir,
	}
	if len(env) > 0 {
		cfg.Env = append(os.Environ(), env...)
	}
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var loadErrs []string
	packages.Visit(roots, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			loadErrs = append(loadErrs, e.Error())
		}
	})
	if len(loadErrs) > 0 {
		return nil, fmt.Errorf("loading %v in %s: %s", patterns, dir, strings.Join(loadErrs, "; "))
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("no packages match %v in %s", patterns, dir)
	}

	var out []Violation
	for _, root := range roots {
		for _, r := range rules {
			if Matches(r.From, root.PkgPath) {
				out = append(out, violations(root, r)...)
			}
		}
	}
	slices.SortFunc(out, func(a, b Violation) int {
		if c := strings.Compare(a.Package, b.Package); c != 0 {
			return c
		}
		return strings.Compare(a.Dep, b.Dep)
	})
	return slices.CompactFunc(out, func(a, b Violation) bool { return a.Package == b.Package && a.Dep == b.Dep }), nil
}

// violations walks root's imports breadth first, so each forbidden package
// is reported with the shortest chain that reaches it. The walk goes on
// through a forbidden package: what it imports may break another pattern.
func violations(root *packages.Package, r Rule) []Violation {
	parent := map[string]string{root.PkgPath: ""}
	queue := []*packages.Package{root}
	var out []Violation
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		paths := make([]string, 0, len(p.Imports))
		for path := range p.Imports {
			paths = append(paths, path)
		}
		slices.Sort(paths) // a deterministic chain when two are equally short
		for _, path := range paths {
			dep := p.Imports[path]
			if _, seen := parent[dep.PkgPath]; seen {
				continue
			}
			parent[dep.PkgPath] = p.PkgPath
			// Report where the walk enters a forbidden pattern, not every
			// package inside it (net/http, not net/http/internal/ascii).
			entered := func(f string) bool { return Matches(f, dep.PkgPath) && !Matches(f, p.PkgPath) }
			if slices.ContainsFunc(r.Forbid, entered) {
				out = append(out, Violation{Package: root.PkgPath, Dep: dep.PkgPath, Chain: chain(parent, dep.PkgPath), Why: r.Why})
			}
			queue = append(queue, dep)
		}
	}
	return out
}

func chain(parent map[string]string, last string) []string {
	var c []string
	for p := last; p != ""; p = parent[p] {
		c = append(c, p)
	}
	slices.Reverse(c)
	return c
}
