//go:build !solution

package layerrules

import "errors"

// Check returns every direct import in imports (package → the packages it
// imports) that breaks one of rules, sorted by Package then Import, one
// Violation per pair. A malformed pattern is an error.
//
// not implemented: edit exercises/1-layer-rules/rules.go
func Check(imports map[string][]string, rules []Rule) ([]Violation, error) {
	return nil, errors.New("not implemented: edit exercises/1-layer-rules/rules.go")
}

// Match reports whether the import path matches pattern; a malformed
// pattern is an error.
func Match(pattern, path string) (bool, error) {
	return false, errors.New("not implemented: edit exercises/1-layer-rules/rules.go")
}
