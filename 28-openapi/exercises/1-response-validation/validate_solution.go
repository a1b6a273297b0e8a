//go:build solution

package responsevalidation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Validate decodes body as JSON and checks it against schema, returning
// every ValidationError (in any order; none means valid). It returns an
// error, and no ValidationErrors, when body is not one JSON value or a
// Pattern it has to apply does not compile.
func Validate(schema *Schema, body []byte) ([]ValidationError, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("the body is not JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("the body holds more than one JSON value")
	}
	var errs []ValidationError
	if err := check(schema, v, "", &errs); err != nil {
		return nil, err
	}
	return errs, nil
}

func check(s *Schema, v any, ptr string, errs *[]ValidationError) error {
	if s == nil {
		return nil
	}
	fail := func(p, keyword string) { *errs = append(*errs, ValidationError{Pointer: p, Keyword: keyword}) }
	if s.Type != "" && !hasType(v, s.Type) {
		fail(ptr, "type")
		return nil // the other keywords describe a value of the right type
	}
	if len(s.Enum) > 0 && !inEnum(v, s.Enum) {
		fail(ptr, "enum")
	}
	switch v := v.(type) {
	case string:
		n := utf8.RuneCountInString(v)
		if s.MinLength != nil && n < *s.MinLength {
			fail(ptr, "minLength")
		}
		if s.MaxLength != nil && n > *s.MaxLength {
			fail(ptr, "maxLength")
		}
		if s.Pattern != "" {
			re, err := regexp.Compile(s.Pattern)
			if err != nil {
				return fmt.Errorf("pattern %q: %w", s.Pattern, err)
			}
			if !re.MatchString(v) {
				fail(ptr, "pattern")
			}
		}
	case float64:
		if s.Minimum != nil && v < *s.Minimum {
			fail(ptr, "minimum")
		}
		if s.Maximum != nil && v > *s.Maximum {
			fail(ptr, "maximum")
		}
	case []any:
		for i, item := range v {
			if err := check(s.Items, item, ptr+"/"+strconv.Itoa(i), errs); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, name := range s.Required {
			if _, ok := v[name]; !ok {
				fail(ptr+"/"+escape(name), "required")
			}
		}
		names := make([]string, 0, len(v))
		for name := range v {
			names = append(names, name)
		}
		slices.Sort(names) // a stable order for the errors
		for _, name := range names {
			sub, known := s.Properties[name]
			if !known && s.AdditionalProperties != nil && !*s.AdditionalProperties {
				fail(ptr+"/"+escape(name), "additionalProperties")
			}
			// An unknown member has no schema here: sub is nil, which
			// accepts everything.
			if err := check(sub, v[name], ptr+"/"+escape(name), errs); err != nil {
				return err
			}
		}
	}
	return nil
}

// hasType reports whether the decoded JSON value v is of JSON Schema type t.
func hasType(v any, t string) bool {
	switch v := v.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case float64:
		return t == "number" || (t == "integer" && v == math.Trunc(v))
	case []any:
		return t == "array"
	default: // map[string]any, the last kind encoding/json decodes to
		return t == "object"
	}
}

func inEnum(v any, enum []any) bool {
	got, _ := json.Marshal(v)
	for _, e := range enum {
		if want, err := json.Marshal(e); err == nil && bytes.Equal(got, want) {
			return true
		}
	}
	return false
}

// escape writes a member name as one reference token (RFC 6901 §3): "~"
// first, so that the "~" of "~1" is not escaped again.
func escape(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}
