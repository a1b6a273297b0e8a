//go:build solution

package layerrules

import (
	"fmt"
	"slices"
	"strings"
)

// Check returns every direct import in imports (package → the packages it
// imports) that breaks one of rules, sorted by Package then Import, one
// Violation per pair. A malformed pattern is an error.
func Check(imports map[string][]string, rules []Rule) ([]Violation, error) {
	for _, r := range rules {
		for _, p := range append(append([]string{r.From}, r.Deny...), r.Allow...) {
			if err := validate(p); err != nil {
				return nil, err
			}
		}
	}
	var out []Violation
	for pkg, deps := range imports {
		seen := map[string]bool{}
		for _, dep := range deps {
			if seen[dep] {
				continue
			}
			seen[dep] = true
			for i, r := range rules {
				if match(r.From, pkg) && matchAny(r.Deny, dep) && !matchAny(r.Allow, dep) {
					out = append(out, Violation{Package: pkg, Import: dep, Rule: i})
					break
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Violation) int {
		if c := strings.Compare(a.Package, b.Package); c != 0 {
			return c
		}
		return strings.Compare(a.Import, b.Import)
	})
	return out, nil
}

// Match reports whether the import path matches pattern; a malformed
// pattern is an error.
func Match(pattern, path string) (bool, error) {
	if err := validate(pattern); err != nil {
		return false, err
	}
	return match(pattern, path), nil
}

func validate(pattern string) error {
	elems := strings.Split(pattern, "/")
	for i, e := range elems {
		switch {
		case e == "":
			return fmt.Errorf("pattern %q has an empty element", pattern)
		case e == "..." && i != len(elems)-1:
			return fmt.Errorf("pattern %q: \"...\" may only be the last element", pattern)
		}
	}
	return nil
}

func matchAny(patterns []string, path string) bool {
	for _, p := range patterns {
		if match(p, path) {
			return true
		}
	}
	return false
}

// match compares element by element; the pattern is valid.
func match(pattern, path string) bool {
	pe, qe := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, p := range pe {
		if p == "..." {
			return true // the rest, even nothing
		}
		if i >= len(qe) || (p != "*" && p != qe[i]) {
			return false
		}
	}
	return len(pe) == len(qe)
}
