package main

import (
	"bytes"
	"encoding/json"
)

// mergePatch applies an RFC 7396 JSON Merge Patch to target and returns the
// result. The rules fit in a sentence each: a patch that is not an object
// replaces the target; for an object, each member set to null deletes that
// member and every other member is merged recursively. Arrays are replaced
// whole — merge patch cannot append to a list, which is its main limit
// compared with RFC 6902 JSON Patch.
func mergePatch(target, patch []byte) ([]byte, error) {
	var t, p any
	if err := unmarshalNumber(target, &t); err != nil {
		return nil, err
	}
	if err := unmarshalNumber(patch, &p); err != nil {
		return nil, err
	}
	return json.Marshal(mergeValue(t, p))
}

func mergeValue(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
			continue
		}
		tm[k] = mergeValue(tm[k], v)
	}
	return tm
}

// unmarshalNumber decodes keeping numbers as json.Number, so 1e400 or a
// 64-bit ID survive a round trip unchanged.
func unmarshalNumber(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}
