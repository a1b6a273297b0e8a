//go:build solution

package precedencemerge

import (
	"fmt"
	"strings"
)

// Merge merges layers, lowest precedence first, into leaves keyed by their
// dotted path ("db.pool.max").
func Merge(layers ...Layer) (map[string]Value, error) {
	out := map[string]Value{}
	for _, l := range layers {
		if err := apply(out, "", l.Values, l.Name); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// apply lays one layer's object m, found at prefix, over out.
func apply(out map[string]Value, prefix string, m map[string]any, source string) error {
	for k, v := range m {
		if k == "" || strings.Contains(k, ".") {
			return fmt.Errorf("layer %s: key %q under %q: keys must be non-empty and contain no dot", source, k, prefix)
		}
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		switch v := v.(type) {
		case nil: // null: unset the key and everything under it
			unset(out, path)
		case map[string]any: // an object merges key by key, but replaces a leaf here
			delete(out, path)
			if err := apply(out, path, v, source); err != nil {
				return err
			}
		default: // a scalar or a list replaces the key and everything under it
			unset(out, path)
			out[path] = Value{Value: v, Source: source}
		}
	}
	return nil
}

// unset removes path and every leaf below it.
func unset(out map[string]Value, path string) {
	delete(out, path)
	for k := range out {
		if strings.HasPrefix(k, path+".") {
			delete(out, k)
		}
	}
}
