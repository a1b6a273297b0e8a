package customvalidator

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
)

// newValidator returns a validator with the rules registered, or stops the test.
func newValidator(t *testing.T) *validator.Validate {
	t.Helper()
	v := validator.New()
	if err := Register(v); err != nil {
		t.Fatalf("Register(v) = %v, want nil", err)
	}
	return v
}

// valid reports whether value passes tag. validator panics on a tag that was
// never registered; that becomes a test failure here, not a crash.
func valid(t *testing.T, v *validator.Validate, value any, tag string) (ok bool) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("validating %q with %q panicked: %v (is the rule registered?)", value, tag, r)
		}
	}()
	err := v.Var(value, tag)
	var ves validator.ValidationErrors
	if err != nil && !errors.As(err, &ves) {
		t.Fatalf("Var(%q, %q) = %v, want nil or ValidationErrors", value, tag, err)
	}
	return err == nil
}

func TestUsername(t *testing.T) {
	v := newValidator(t)
	tests := []struct {
		in   string
		want bool
	}{
		{"alice", true},
		{"bob_42", true},
		{"abc", true},
		{"a2345678901234567890", true}, // 20
		{"ab", false},
		{"a23456789012345678901", false}, // 21
		{"Alice", false},
		{"1alice", false},
		{"_alice", false},
		{"al-ice", false},
		{"al ice", false},
		{"álice", false},
		{"admin", false},
		{"root", false},
		{"me", false},
		{"admins", true}, // only exact reserved names
		{"", false},
	}
	for _, tc := range tests {
		if got := valid(t, v, tc.in, "username"); got != tc.want {
			t.Errorf("username rule on %q = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestSlug(t *testing.T) {
	v := newValidator(t)
	tests := []struct {
		in   string
		want bool
	}{
		{"go", true},
		{"go-1-25", true},
		{"hello-world", true},
		{"2025", true},
		{strings.Repeat("a", 64), true},
		{strings.Repeat("a", 65), false},
		{"-go", false},
		{"go-", false},
		{"go--lang", false},
		{"Go", false},
		{"go lang", false},
		{"go_lang", false},
		{"crème", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := valid(t, v, tc.in, "slug"); got != tc.want {
			t.Errorf("slug rule on %q = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestMaxBytes(t *testing.T) {
	v := newValidator(t)
	tests := []struct {
		in, tag string
		want    bool
	}{
		{"hello", "maxbytes=5", true},
		{"héllo", "maxbytes=5", false}, // é is 2 bytes in UTF-8
		{"héllo", "max=5", true},       // the built-in counts characters
		{"日本", "maxbytes=6", true},
		{"日本語", "maxbytes=6", false},
		{"", "maxbytes=0", true},
		{"a", "maxbytes=0", false},
		{"a", "maxbytes=abc", false}, // a broken rule fails closed
		{"a", "maxbytes=-1", false},
		// …even for the empty value, which fits any real byte budget.
		{"", "maxbytes=abc", false},
		{"", "maxbytes=", false},
		{"", "maxbytes", false},
		{"", "maxbytes=-1", false},
		{"", "maxbytes=1.5", false},
		{"12345678", "maxbytes=8", true},
		{"123456789", "maxbytes=8", false},
	}
	for _, tc := range tests {
		t.Run(tc.tag+" on "+tc.in, func(t *testing.T) {
			if got := valid(t, v, tc.in, tc.tag); got != tc.want {
				t.Errorf("Var(%q, %q) passed = %v, want %v", tc.in, tc.tag, got, tc.want)
			}
		})
	}
}

// Slug is a named string type, as domain code often has.
type Slug string

type article struct {
	Slug     Slug     `validate:"required,slug"`
	Tags     []string `validate:"max=3,dive,slug"`
	Author   *string  `validate:"omitempty,username"`
	Title    string   `validate:"required,maxbytes=12"`
	Password string   `validate:"omitempty,maxbytes=72"` // bcrypt reads only 72 bytes
}

func TestRulesInsideStructs(t *testing.T) {
	v := newValidator(t)
	alice, admin := "alice", "admin"
	tests := []struct {
		name       string
		in         article
		wantFailed []string // StructNamespace of each failed field
	}{
		{"valid", article{Slug: "hello", Tags: []string{"go", "web"}, Author: &alice, Title: "Hello"}, nil},
		{"nil pointer skipped", article{Slug: "hello", Title: "Hello"}, nil},
		{"named type", article{Slug: "Hello World", Title: "Hello"}, []string{"article.Slug"}},
		{"each tag", article{Slug: "ok", Tags: []string{"go", "Bad Tag", "web"}, Title: "Hello"}, []string{"article.Tags[1]"}},
		{"through a pointer", article{Slug: "ok", Author: &admin, Title: "Hello"}, []string{"article.Author"}},
		{"bytes not characters", article{Slug: "ok", Title: "Crème brûlée"}, []string{"article.Title"}},
		{"bcrypt limit", article{Slug: "ok", Title: "x", Password: strings.Repeat("é", 37)}, []string{"article.Password"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Struct(%+v) panicked: %v (is every rule registered?)", tc.in, r)
					}
				}()
				var ves validator.ValidationErrors
				if err := v.Struct(tc.in); errors.As(err, &ves) {
					for _, fe := range ves {
						got = append(got, fe.StructNamespace())
					}
				} else if err != nil {
					t.Fatalf("Struct(%+v) = %v, want nil or ValidationErrors", tc.in, err)
				}
			}()
			if strings.Join(got, ",") != strings.Join(tc.wantFailed, ",") {
				t.Errorf("Struct(%+v) failed %v, want %v", tc.in, got, tc.wantFailed)
			}
		})
	}
}
