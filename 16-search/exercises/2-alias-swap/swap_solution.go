//go:build solution

package aliasswap

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
)

type target struct {
	Index string `json:"index"`
	Alias string `json:"alias"`
}

// SwapBody returns the JSON body of POST /_aliases that moves alias onto
// newIndex in one atomic request. current maps each existing index to the
// aliases it holds.
func SwapBody(alias, newIndex string, current map[string][]string) ([]byte, error) {
	if alias == "" || newIndex == "" {
		return nil, fmt.Errorf("%w: alias and new index must be named", ErrInvalid)
	}
	if _, ok := current[alias]; ok {
		return nil, fmt.Errorf("%w: %q is an index, not an alias", ErrInvalid, alias)
	}
	if _, ok := current[newIndex]; !ok {
		return nil, fmt.Errorf("%w: index %q does not exist", ErrInvalid, newIndex)
	}
	if slices.Contains(current[newIndex], alias) {
		return nil, fmt.Errorf("%w: %q already points at %q", ErrInvalid, alias, newIndex)
	}
	var old []string
	for index, aliases := range current {
		if slices.Contains(aliases, alias) {
			old = append(old, index)
		}
	}
	sort.Strings(old)
	var actions []map[string]target
	for _, index := range old {
		actions = append(actions, map[string]target{"remove": {index, alias}})
	}
	actions = append(actions, map[string]target{"add": {newIndex, alias}})
	return json.Marshal(map[string]any{"actions": actions})
}
