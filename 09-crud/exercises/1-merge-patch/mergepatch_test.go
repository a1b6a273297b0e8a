package mergepatch

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// sameJSON reports whether a and b hold the same JSON value, ignoring
// member order and whitespace; numbers are compared by their text.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	for _, p := range []struct {
		data []byte
		v    *any
	}{{a, &va}, {b, &vb}} {
		d := json.NewDecoder(bytes.NewReader(p.data))
		d.UseNumber()
		if err := d.Decode(p.v); err != nil {
			return false
		}
	}
	return reflect.DeepEqual(va, vb)
}

// TestRFC7396AppendixA runs every example of RFC 7396 Appendix A.
func TestRFC7396AppendixA(t *testing.T) {
	tests := []struct{ target, patch, want string }{
		{`{"a":"b"}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"b":"c"}`, `{"a":"b","b":"c"}`},
		{`{"a":"b"}`, `{"a":null}`, `{}`},
		{`{"a":"b","b":"c"}`, `{"a":null}`, `{"b":"c"}`},
		{`{"a":["b"]}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"c"}`, `{"a":["b"]}`, `{"a":["b"]}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`, `{"a":{"b":"d"}}`},
		{`{"a":[{"b":"c"}]}`, `{"a":[1]}`, `{"a":[1]}`},
		{`["a","b"]`, `["c","d"]`, `["c","d"]`},
		{`{"a":"b"}`, `["c"]`, `["c"]`},
		{`{"a":"foo"}`, `null`, `null`},
		{`{"a":"foo"}`, `"bar"`, `"bar"`},
		{`{"e":null}`, `{"a":1}`, `{"e":null,"a":1}`},
		{`[1,2]`, `{"a":"b","c":null}`, `{"a":"b"}`},
		{`{}`, `{"a":{"bb":{"ccc":null}}}`, `{"a":{"bb":{}}}`},
	}
	for _, tc := range tests {
		got, err := MergePatch([]byte(tc.target), []byte(tc.patch))
		if err != nil || !sameJSON(t, got, []byte(tc.want)) {
			t.Errorf("MergePatch(%s, %s) = %s, %v, want %s", tc.target, tc.patch, got, err, tc.want)
		}
	}
}

// TestConduitArticle patches an article the way 09-crud's PATCH does.
func TestConduitArticle(t *testing.T) {
	target := `{"title":"How to train your dragon","description":"Ever wonder how?","body":"You have to believe","tagList":["dragons","training"],"meta":{"featured":true,"views":12345678901234567890}}`
	tests := []struct{ name, patch, want string }{
		{"change one field", `{"description":"A guide"}`,
			`{"title":"How to train your dragon","description":"A guide","body":"You have to believe","tagList":["dragons","training"],"meta":{"featured":true,"views":12345678901234567890}}`},
		{"arrays are replaced, not appended", `{"tagList":["go"]}`,
			`{"title":"How to train your dragon","description":"Ever wonder how?","body":"You have to believe","tagList":["go"],"meta":{"featured":true,"views":12345678901234567890}}`},
		{"null removes, nested merge keeps siblings", `{"tagList":null,"meta":{"featured":null}}`,
			`{"title":"How to train your dragon","description":"Ever wonder how?","body":"You have to believe","meta":{"views":12345678901234567890}}`},
		{"empty patch changes nothing", `{}`, target},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MergePatch([]byte(target), []byte(tc.patch))
			if err != nil || !sameJSON(t, got, []byte(tc.want)) {
				t.Errorf("MergePatch(article, %s) = %s, %v, want %s", tc.patch, got, err, tc.want)
			}
		})
	}
}

func TestInvalidJSON(t *testing.T) {
	tests := []struct{ name, target, patch string }{
		{"truncated patch", `{"a":1}`, `{"a":`},
		{"truncated target", `{"a":`, `{}`},
		{"empty patch", `{}`, ``},
		{"blank patch", `{}`, " \n\t"},
		{"empty target", ``, `{}`},
		{"two values", `{}`, `{} {}`},
		{"two values in the target", `1 2`, `{}`},
		{"stray ] after the patch", `{}`, `{} ]`},
		{"stray } after the patch", `{}`, `{"a":1}}`},
		{"stray ] after the target", `{"a":1}]`, `{"b":2}`},
		{"garbage after the patch", `{}`, `{"a":1} x`},
		{"not JSON", `{}`, `title=x`},
		// A patch that is not an object replaces the target, but the target
		// must still be checked: garbage in is an error, not a silent success.
		{"truncated target, string patch", `{"a":`, `"x"`},
		{"garbage target, null patch", `title=x`, `null`},
		{"trailing garbage in the target, array patch", `{} ]`, `[1]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MergePatch([]byte(tc.target), []byte(tc.patch))
			if !errors.Is(err, ErrInvalidJSON) {
				t.Errorf("MergePatch(%q, %q) = %s, %v, want an error wrapping ErrInvalidJSON", tc.target, tc.patch, got, err)
			}
		})
	}
}

// TestSurroundingWhitespace: whitespace around a value is not data.
func TestSurroundingWhitespace(t *testing.T) {
	tests := []struct{ target, patch, want string }{
		{"{\"a\":1}\n", "  {\"b\":2}\r\n", `{"a":1,"b":2}`},
		{"\t[1]  ", "\n\"x\"\n", `"x"`},
	}
	for _, tc := range tests {
		got, err := MergePatch([]byte(tc.target), []byte(tc.patch))
		if err != nil || !sameJSON(t, got, []byte(tc.want)) {
			t.Errorf("MergePatch(%q, %q) = %s, %v, want %s", tc.target, tc.patch, got, err, tc.want)
		}
	}
}
