package reverse

import (
	"errors"
	"testing"
)

func TestReverse(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		params  map[string]string
		want    string
		wantErr error
	}{
		{name: "static pattern", pattern: "/articles", params: nil, want: "/articles"},
		{name: "one variable", pattern: "/articles/{slug}", params: map[string]string{"slug": "hello-world"}, want: "/articles/hello-world"},
		{name: "two variables with a constraint", pattern: "/articles/{slug}/comments/{id:[0-9]+}", params: map[string]string{"slug": "go", "id": "42"}, want: "/articles/go/comments/42"},
		{name: "variable inside a segment", pattern: "/files/{name}.{ext:json|xml}", params: map[string]string{"name": "report", "ext": "xml"}, want: "/files/report.xml"},
		{name: "constraint with nested braces", pattern: "/archive/{year:[0-9]{4}}/{month:0[1-9]|1[0-2]}", params: map[string]string{"year": "2024", "month": "05"}, want: "/archive/2024/05"},
		{name: "value is path-escaped", pattern: "/tags/{tag}", params: map[string]string{"tag": "a b/c?d"}, want: "/tags/a%20b%2Fc%3Fd"},
		{name: "unicode value is escaped", pattern: "/users/{name}", params: map[string]string{"name": "zoë"}, want: "/users/zo%C3%AB"},
		{name: "pattern starting with a variable", pattern: "{lang}/docs", params: map[string]string{"lang": "en"}, want: "en/docs"},
		{name: "pattern that is only a variable", pattern: "{page}", params: map[string]string{"page": "about"}, want: "about"},
		{name: "the same variable twice", pattern: "/{x}/{x}", params: map[string]string{"x": "a"}, want: "/a/a"},
		{name: "constraint with braces nested twice", pattern: "/codes/{code:(?:[A-Z]{2}){2}}", params: map[string]string{"code": "ABCD"}, want: "/codes/ABCD"},
		{name: "nested braces with a second variable after", pattern: "/a/{y:[0-9]{2}}/{z}", params: map[string]string{"y": "12", "z": "q"}, want: "/a/12/q"},
		{name: "missing value", pattern: "/articles/{slug}", params: map[string]string{}, wantErr: ErrMissingParam},
		{name: "empty value", pattern: "/articles/{slug}", params: map[string]string{"slug": ""}, wantErr: ErrMissingParam},
		{name: "unknown name is a typo", pattern: "/articles/{slug}", params: map[string]string{"slug": "a", "slgu": "b"}, wantErr: ErrUnknownParam},
		{name: "value breaks constraint", pattern: "/comments/{id:[0-9]+}", params: map[string]string{"id": "12a"}, wantErr: ErrConstraint},
		{name: "constraint is anchored at both ends", pattern: "/archive/{year:[0-9]{4}}", params: map[string]string{"year": "20245"}, wantErr: ErrConstraint},
		{name: "alternation is anchored as a whole", pattern: "/files/{ext:json|xml}", params: map[string]string{"ext": "xmlx"}, wantErr: ErrConstraint},
		{name: "a missing value is reported even when others are given", pattern: "/{a}/{b}", params: map[string]string{"a": "1"}, wantErr: ErrMissingParam},
		{name: "unknown name on a static pattern", pattern: "/about", params: map[string]string{"x": "1"}, wantErr: ErrUnknownParam},
		{name: "constraint on the second variable", pattern: "/{a}/{n:[0-9]+}", params: map[string]string{"a": "x", "n": "y"}, wantErr: ErrConstraint},
		{name: "unclosed brace around nested braces", pattern: "/archive/{year:[0-9]{4}", params: map[string]string{"year": "2024"}, wantErr: ErrBadPattern},
		{name: "stray close brace after a variable", pattern: "/{a}}", params: map[string]string{"a": "1"}, wantErr: ErrBadPattern},
		{name: "stray close brace first", pattern: "}/{a}", params: map[string]string{"a": "1"}, wantErr: ErrBadPattern},
		{name: "empty name with a constraint", pattern: "/{:[0-9]+}", params: map[string]string{"": "1"}, wantErr: ErrBadPattern},
		{name: "unclosed brace", pattern: "/articles/{slug", params: map[string]string{"slug": "a"}, wantErr: ErrBadPattern},
		{name: "stray close brace", pattern: "/articles/slug}", params: nil, wantErr: ErrBadPattern},
		{name: "empty variable name", pattern: "/articles/{}", params: nil, wantErr: ErrBadPattern},
		{name: "invalid regular expression", pattern: "/comments/{id:[0-9}", params: map[string]string{"id": "1"}, wantErr: ErrBadPattern},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Reverse(tc.pattern, tc.params)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("Reverse(%q, %v) error = %v, want %v", tc.pattern, tc.params, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Reverse(%q, %v) error = %v, want nil", tc.pattern, tc.params, err)
			}
			if got != tc.want {
				t.Errorf("Reverse(%q, %v) = %q, want %q", tc.pattern, tc.params, got, tc.want)
			}
		})
	}
}
