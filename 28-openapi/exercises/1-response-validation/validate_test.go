package responsevalidation

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func sorted(errs []ValidationError) []ValidationError {
	out := slices.Clone(errs)
	slices.SortFunc(out, func(a, b ValidationError) int {
		return cmp.Or(strings.Compare(a.Pointer, b.Pointer), strings.Compare(a.Keyword, b.Keyword))
	})
	return out
}

func show(errs []ValidationError) string {
	var b strings.Builder
	for _, e := range sorted(errs) {
		fmt.Fprintf(&b, "[%q %s] ", e.Pointer, e.Keyword)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

// bookmark is the chapter's Bookmark schema, closed to extra members.
var bookmark = &Schema{
	Type:     "object",
	Required: []string{"id", "title", "tags", "visibility"},
	Properties: map[string]*Schema{
		"id":         {Type: "integer", Minimum: ptr(1.0)},
		"title":      {Type: "string", MinLength: ptr(1), MaxLength: ptr(12)},
		"tags":       {Type: "array", Items: &Schema{Type: "string", Pattern: "^[a-z0-9-]+$"}},
		"visibility": {Type: "string", Enum: []any{"public", "private"}},
		"score":      {Type: "number", Minimum: ptr(0.0), Maximum: ptr(5.0)},
	},
	AdditionalProperties: ptr(false),
}

type e = ValidationError

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		schema *Schema
		body   string
		want   []ValidationError
	}{
		{"a valid bookmark", bookmark, `{"id":1,"title":"Go","tags":["go","blog-2"],"visibility":"public","score":5}`, nil},
		{"every error at once", bookmark, `{"id":0,"title":"","tags":["Go",7],"visibility":"hidden","extra":true,"score":-0.5}`,
			[]e{{"/extra", "additionalProperties"}, {"/id", "minimum"}, {"/score", "minimum"}, {"/tags/0", "pattern"}, {"/tags/1", "type"}, {"/title", "minLength"}, {"/visibility", "enum"}}},
		{"missing members", bookmark, `{"title":"Go"}`, []e{{"/id", "required"}, {"/tags", "required"}, {"/visibility", "required"}}},
		{"a null member is present", &Schema{Type: "object", Required: []string{"a"}}, `{"a":null}`, nil},
		{"a null member of the wrong type", &Schema{Required: []string{"a"}, Properties: map[string]*Schema{"a": {Type: "string"}}}, `{"a":null}`, []e{{"/a", "type"}}},
		{"not an object", bookmark, `[1]`, []e{{"", "type"}}},
		{"a type error stops the value's other checks", &Schema{Type: "string", MinLength: ptr(3), Enum: []any{"abc"}}, `12`, []e{{"", "type"}}},
		{"keywords of another type are ignored", &Schema{MinLength: ptr(3), Minimum: ptr(10.0), Required: []string{"x"}, Items: &Schema{Type: "string"}}, `5.5`, []e{{"", "minimum"}}},
		{"untyped string still gets string checks", &Schema{MinLength: ptr(3)}, `"ab"`, []e{{"", "minLength"}}},
		{"untyped object still gets object checks", &Schema{Required: []string{"x"}}, `{}`, []e{{"/x", "required"}}},

		{"integer 2.0", &Schema{Type: "integer"}, `2.0`, nil},
		{"integer 2.5", &Schema{Type: "integer"}, `2.5`, []e{{"", "type"}}},
		{"number accepts an integer", &Schema{Type: "number"}, `3`, nil},
		{"string", &Schema{Type: "string"}, `"x"`, nil},
		{"string is not a number", &Schema{Type: "string"}, `1`, []e{{"", "type"}}},
		{"number is not a string", &Schema{Type: "number"}, `"1"`, []e{{"", "type"}}},
		{"boolean", &Schema{Type: "boolean"}, `false`, nil},
		{"boolean is not a string", &Schema{Type: "boolean"}, `"true"`, []e{{"", "type"}}},
		{"null", &Schema{Type: "null"}, `null`, nil},
		{"null is not an object", &Schema{Type: "object"}, `null`, []e{{"", "type"}}},
		{"array", &Schema{Type: "array"}, `[]`, nil},
		{"object is not an array", &Schema{Type: "array"}, `{}`, []e{{"", "type"}}},
		{"array is not an object", &Schema{Type: "object"}, `[]`, []e{{"", "type"}}},
		{"nil schema", nil, `{"anything":[1,"two",null]}`, nil},
		{"zero schema", &Schema{}, `"x"`, nil},

		{"additional members allowed by default", &Schema{Type: "object", Properties: map[string]*Schema{"a": {}}}, `{"a":1,"b":2}`, nil},
		{"additional members allowed by true", &Schema{Properties: map[string]*Schema{"a": {}}, AdditionalProperties: ptr(true)}, `{"b":2}`, nil},
		{"named members are not additional", &Schema{Properties: map[string]*Schema{"a": nil}, AdditionalProperties: ptr(false)}, `{"a":1}`, nil},
		{"member names are escaped", &Schema{AdditionalProperties: ptr(false), Required: []string{"x/y"}}, `{"a~b":1,"c/d":2}`,
			[]e{{"/a~0b", "additionalProperties"}, {"/c~1d", "additionalProperties"}, {"/x~1y", "required"}}},
		{"a ~1 in a name is not a slash", &Schema{AdditionalProperties: ptr(false)}, `{"~1":1}`, []e{{"/~01", "additionalProperties"}}},
		{"nested objects and arrays", &Schema{Properties: map[string]*Schema{
			"page": {Type: "object", Properties: map[string]*Schema{
				"items": {Type: "array", Items: &Schema{Type: "object", Required: []string{"id"}}},
			}},
		}}, `{"page":{"items":[{"id":1},{},{"id":3},{}]}}`, []e{{"/page/items/1/id", "required"}, {"/page/items/3/id", "required"}}},

		{"enum match", &Schema{Enum: []any{"a", 2, nil}}, `"a"`, nil},
		{"enum number by JSON value", &Schema{Enum: []any{"a", 2}}, `2.0`, nil},
		{"enum null", &Schema{Enum: []any{"a", nil}}, `null`, nil},
		{"enum miss", &Schema{Enum: []any{"a", 2}}, `"b"`, []e{{"", "enum"}}},
		{"enum is typed", &Schema{Enum: []any{"2"}}, `2`, []e{{"", "enum"}}},
		{"enum object", &Schema{Enum: []any{map[string]any{"a": 1, "b": 2}}}, `{"b":2,"a":1}`, nil},

		{"minLength at the bound", &Schema{MinLength: ptr(3)}, `"abc"`, nil},
		{"minLength below", &Schema{MinLength: ptr(3)}, `"ab"`, []e{{"", "minLength"}}},
		{"maxLength at the bound", &Schema{MaxLength: ptr(3)}, `"abc"`, nil},
		{"maxLength above", &Schema{MaxLength: ptr(3)}, `"abcd"`, []e{{"", "maxLength"}}},
		{"lengths count code points", &Schema{MinLength: ptr(4), MaxLength: ptr(4)}, `"héé😀"`, nil},
		{"maxLength 0", &Schema{MaxLength: ptr(0)}, `""`, nil},
		{"too long for a range", &Schema{MinLength: ptr(2), MaxLength: ptr(4)}, `"abcdef"`, []e{{"", "maxLength"}}},

		{"minimum at the bound", &Schema{Minimum: ptr(1.5)}, `1.5`, nil},
		{"minimum below", &Schema{Minimum: ptr(1.5)}, `1.4`, []e{{"", "minimum"}}},
		{"maximum at the bound", &Schema{Maximum: ptr(-1.0)}, `-1`, nil},
		{"maximum above", &Schema{Maximum: ptr(-1.0)}, `-0.5`, []e{{"", "maximum"}}},
		{"minimum 0 is a bound", &Schema{Minimum: ptr(0.0)}, `-1`, []e{{"", "minimum"}}},
		{"maximum 0 is a bound", &Schema{Maximum: ptr(0.0)}, `1`, []e{{"", "maximum"}}},

		{"pattern is not anchored", &Schema{Pattern: "b+"}, `"abba"`, nil},
		{"pattern anchored", &Schema{Pattern: "^b+$"}, `"abba"`, []e{{"", "pattern"}}},
		{"pattern match", &Schema{Pattern: `^\d{3}$`}, `"123"`, nil},

		{"items each", &Schema{Items: &Schema{Type: "integer", Maximum: ptr(9.0)}}, `[1,10,"x",9]`, []e{{"/1", "maximum"}, {"/2", "type"}}},
		{"items of an empty array", &Schema{Items: &Schema{Type: "string"}}, `[]`, nil},
		{"items of a nested array", &Schema{Items: &Schema{Items: &Schema{Type: "string"}}}, `[["a"],["b",1]]`, []e{{"/1/1", "type"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Validate(tc.schema, []byte(tc.body))
			if err != nil {
				t.Fatalf("Validate(%s) error: %v", tc.body, err)
			}
			if show(got) != show(tc.want) {
				t.Errorf("Validate(%s) = %s, want %s", tc.body, show(got), show(tc.want))
			}
		})
	}
}

func TestValidateRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name   string
		schema *Schema
		body   string
	}{
		{"not JSON", nil, `{"id":`},
		{"empty body", nil, ``},
		{"two values", nil, `{} {}`},
		{"trailing garbage", &Schema{}, `1 x`},
		{"a pattern that does not compile", &Schema{Pattern: "("}, `"x"`},
		{"a bad pattern deep down", &Schema{Properties: map[string]*Schema{"a": {Items: &Schema{Pattern: "[a-"}}}}, `{"a":["x"]}`},
		{"a bad pattern in an array", &Schema{Items: &Schema{Pattern: "[a-"}}, `["x"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Validate(tc.schema, []byte(tc.body))
			if err == nil || got != nil {
				t.Errorf("Validate(%q) = %s, %v; want no errors list and an error", tc.body, show(got), err)
			}
			if err != nil && strings.Contains(err.Error(), "not implemented") {
				t.Errorf("Validate is not implemented yet: edit exercises/1-response-validation/validate.go")
			}
		})
	}
}
