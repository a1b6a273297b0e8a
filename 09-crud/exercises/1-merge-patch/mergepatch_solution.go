//go:build solution

package mergepatch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MergePatch applies patch to target as RFC 7396 describes and returns the
// resulting JSON document.
func MergePatch(target, patch []byte) ([]byte, error) {
	t, err := decode(target)
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	p, err := decode(patch)
	if err != nil {
		return nil, fmt.Errorf("patch: %w", err)
	}
	return json.Marshal(merge(t, p))
}

// merge is the pseudocode of RFC 7396 section 2, line for line.
func merge(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch // a non-object patch replaces the target whole
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{} // patching a non-object starts from {}
	}
	for name, value := range pm {
		if value == nil {
			delete(tm, name)
		} else {
			tm[name] = merge(tm[name], value)
		}
	}
	return tm
}

// decode reads exactly one JSON value, keeping numbers as json.Number so
// that large integers survive unchanged.
func decode(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidJSON, err)
	}
	// Only whitespace may follow the value. d.More() is not enough: it
	// reports false before a stray ']' or '}', so `{} ]` would pass.
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: data after the JSON value", ErrInvalidJSON)
	}
	return v, nil
}
