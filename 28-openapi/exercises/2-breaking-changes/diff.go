//go:build !solution

package breakingchanges

import "errors"

// Diff lists every change from old to new (in any order).
//
// not implemented: edit exercises/2-breaking-changes/diff.go
func Diff(old, new Spec) ([]Change, error) {
	return nil, errors.New("not implemented: edit exercises/2-breaking-changes/diff.go")
}
