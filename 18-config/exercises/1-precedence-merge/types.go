// Package precedencemerge is exercise 1 of chapter 18: merge nested
// configuration trees from any number of layers, with the provenance of
// every leaf and null as "unset".
package precedencemerge

// A Layer is one source of configuration, as a JSON or YAML decoder gives
// it: map[string]any for an object, []any for a list, nil for an explicit
// null, and anything else (string, float64, bool, int…) for a scalar.
type Layer struct {
	Name   string // for provenance: "defaults", "file app.yaml", "env"…
	Values map[string]any
}

// A Value is one leaf of the merged configuration — a scalar or a whole
// list — and the name of the layer that set it.
type Value struct {
	Value  any
	Source string
}
