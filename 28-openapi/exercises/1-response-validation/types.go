// Package responsevalidation is exercise 1 of chapter 28: validate a JSON
// response body against a small subset of JSON Schema, the way
// openapi3filter.ValidateResponse does in the chapter's contract tests.
package responsevalidation

// Schema is the subset of a JSON Schema (as OpenAPI 3.0 uses it) that
// Validate understands. A nil *Schema, and a zero one, accept every value.
type Schema struct {
	// Type is "object", "array", "string", "integer", "number", "boolean"
	// or "null"; "" accepts any type. An integer is a number with no
	// fractional part (2.0 is one); "number" accepts integers too.
	Type string

	// Object keywords: each name in Required must be present (a null value
	// counts as present); Properties gives the schema of a member when it
	// is present; AdditionalProperties false forbids members that
	// Properties does not name (nil or true allows them).
	Required             []string
	Properties           map[string]*Schema
	AdditionalProperties *bool

	// Enum, when not empty, lists the allowed values, compared by their
	// JSON encoding (so 1 and 1.0 are the same value).
	Enum []any

	// String keywords: lengths count Unicode code points; Pattern is a Go
	// (RE2) regular expression that must match somewhere in the string
	// (it is not anchored unless it says ^ and $).
	MinLength, MaxLength *int
	Pattern              string

	// Number keywords, both inclusive.
	Minimum, Maximum *float64

	// Items is the schema of every element of an array.
	Items *Schema
}

// ValidationError is one place where the value breaks the schema.
type ValidationError struct {
	// Pointer is the RFC 6901 JSON Pointer of the offending value: "" for
	// the whole body, "/tags/0" for the first element of member "tags",
	// with "~" written "~0" and "/" written "~1" in member names. For
	// "required" it points at the missing member, for
	// "additionalProperties" at the member that is not allowed.
	Pointer string
	// Keyword is the schema keyword that failed: "type", "required",
	// "additionalProperties", "enum", "minLength", "maxLength", "pattern",
	// "minimum" or "maximum".
	Keyword string
}
