//go:build !solution

package precedencemerge

import "errors"

// Merge merges layers, lowest precedence first, into leaves keyed by their
// dotted path ("db.pool.max"). not implemented: edit exercises/1-precedence-merge/merge.go
func Merge(layers ...Layer) (map[string]Value, error) {
	return nil, errors.New("not implemented: edit exercises/1-precedence-merge/merge.go")
}
