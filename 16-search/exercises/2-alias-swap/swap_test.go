package aliasswap

import (
	"errors"
	"testing"
)

func TestSwapBody(t *testing.T) {
	for _, tc := range []struct {
		name, alias, index string
		current            map[string][]string
		want               string
	}{
		{"first alias", "articles", "articles-v1", map[string][]string{"articles-v1": nil},
			`{"actions":[{"add":{"index":"articles-v1","alias":"articles"}}]}`},
		{"swap from one", "articles", "articles-v2", map[string][]string{"articles-v1": {"articles", "read"}, "articles-v2": {"read"}},
			`{"actions":[{"remove":{"index":"articles-v1","alias":"articles"}},{"add":{"index":"articles-v2","alias":"articles"}}]}`},
		{"swap from two, sorted", "articles", "articles-v3", map[string][]string{"articles-v2": {"articles"}, "articles-v1": {"articles"}, "articles-v3": nil, "other": {"x"}},
			`{"actions":[{"remove":{"index":"articles-v1","alias":"articles"}},{"remove":{"index":"articles-v2","alias":"articles"}},{"add":{"index":"articles-v3","alias":"articles"}}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SwapBody(tc.alias, tc.index, tc.current)
			if err != nil || string(got) != tc.want {
				t.Errorf("SwapBody(%q, %q, %v) = %s, %v; want %s", tc.alias, tc.index, tc.current, got, err, tc.want)
			}
		})
	}
}

func TestSwapBodyRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, alias, index string
		current            map[string][]string
	}{
		{"no alias", "", "v2", map[string][]string{"v2": nil}},
		{"no index", "a", "", map[string][]string{"v2": nil}},
		{"alias is an index name", "v1", "v2", map[string][]string{"v1": nil, "v2": nil}},
		{"new index missing", "a", "v3", map[string][]string{"v2": {"a"}}},
		{"already there", "a", "v2", map[string][]string{"v1": {"a"}, "v2": {"b", "a"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SwapBody(tc.alias, tc.index, tc.current)
			if !errors.Is(err, ErrInvalid) || got != nil {
				t.Errorf("SwapBody(%q, %q, %v) = %s, %v; want nil and ErrInvalid", tc.alias, tc.index, tc.current, got, err)
			}
		})
	}
}
