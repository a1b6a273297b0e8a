package fielderrors

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
)

type address struct {
	City string `json:"city" validate:"required"`
	Zip  string `json:"zip_code" validate:"len=5"`
}

type signup struct {
	Name     string   `json:"name" validate:"required,min=2"`
	Email    string   `json:"email,omitempty" validate:"required,email"`
	Age      int      `json:"age" validate:"gte=18"`
	Tags     []string `json:"tags" validate:"max=3,dive,min=2"`
	Address  address  `json:"address"`
	Nickname string   `validate:"omitempty,max=3"` // no json tag: the Go name is all there is
}

// mustNew calls New and stops the test if it returned nothing usable.
func mustNew(t *testing.T) *validator.Validate {
	t.Helper()
	v := New()
	if v == nil {
		t.Fatal("New() = nil, want a *validator.Validate (edit exercises/1-field-errors/fielderrors.go)")
	}
	return v
}

func TestCollect(t *testing.T) {
	tests := []struct {
		name string
		in   signup
		want []string // "field:code"
	}{
		{
			name: "valid input has no errors",
			in:   signup{Name: "Ann", Email: "ann@example.com", Age: 30, Address: address{City: "Oslo", Zip: "01234"}},
			want: nil,
		},
		{
			name: "every failure is reported, sorted by field",
			in:   signup{Name: "A", Email: "nope", Age: 12, Tags: []string{"go", "x", "y"}, Nickname: "toolong"},
			want: []string{
				"Nickname:max", "address.city:required", "address.zip_code:len", "age:gte",
				"email:email", "name:min", "tags[1]:min", "tags[2]:min",
			},
		},
		{
			name: "one error per field: the first failing rule",
			in:   signup{Email: "", Age: 18, Tags: []string{"aa", "bb", "cc", "dd"}, Address: address{City: "Oslo", Zip: "01234"}},
			want: []string{"email:required", "name:required", "tags:max"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := mustNew(t)
			resp, err := Collect(v.Struct(tc.in))
			if err != nil {
				t.Fatalf("Collect(Struct(%+v)) error = %v, want nil", tc.in, err)
			}
			var got []string
			for _, fe := range resp.Errors {
				got = append(got, fe.Field+":"+fe.Code)
				if fe.Message == "" {
					t.Errorf("error for %q has an empty message", fe.Field)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("Collect(Struct(%+v)) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestCollectMessages(t *testing.T) {
	v := mustNew(t)
	resp, err := Collect(v.Struct(signup{Name: "A", Email: "ann@example.com", Age: 20,
		Tags: []string{"aa", "bb", "cc", "dd"}, Address: address{City: "Oslo", Zip: "123"}}))
	if err != nil {
		t.Fatalf("Collect error = %v, want nil", err)
	}
	want := map[string]string{
		"name":             "must have at least 2 characters",
		"tags":             "must have at most 3 items",
		"address.zip_code": "must have exactly 5 characters",
	}
	if len(resp.Errors) != len(want) {
		t.Fatalf("Collect gave %d errors %+v, want %d", len(resp.Errors), resp.Errors, len(want))
	}
	for _, fe := range resp.Errors {
		if fe.Message != want[fe.Field] {
			t.Errorf("message for %q = %q, want %q", fe.Field, fe.Message, want[fe.Field])
		}
	}
}

func TestCollectStableJSON(t *testing.T) {
	v := mustNew(t)
	in := signup{Name: "A", Email: "nope", Age: 20, Address: address{City: "Oslo", Zip: "01234"}}
	resp, err := Collect(v.Struct(in))
	if err != nil {
		t.Fatalf("Collect error = %v, want nil", err)
	}
	got, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"errors":[` +
		`{"field":"email","code":"email","message":"must be a valid email address"},` +
		`{"field":"name","code":"min","message":"must have at least 2 characters"}]}`
	if string(got) != want {
		t.Errorf("json.Marshal(Collect(...)) =\n%s\nwant\n%s", got, want)
	}
}

func TestCollectOtherErrors(t *testing.T) {
	mustNew(t)
	resp, err := Collect(nil)
	if err != nil || len(resp.Errors) != 0 {
		t.Errorf("Collect(nil) = %+v, %v, want empty and nil", resp, err)
	}

	boom := errors.New("boom")
	if resp, err := Collect(boom); err != boom || len(resp.Errors) != 0 {
		t.Errorf("Collect(boom) = %+v, %v, want empty and boom unchanged", resp, err)
	}

	// A wrapped ValidationErrors is still a ValidationErrors.
	wrapped := fmt.Errorf("signup: %w", New().Struct(signup{}))
	resp, err = Collect(wrapped)
	if err != nil || len(resp.Errors) == 0 {
		t.Errorf("Collect(wrapped validation error) = %+v, %v, want field errors and nil", resp, err)
	}
}

// account has fields whose json tag gives no name: `json:"-"` (never in
// JSON) and `json:",omitempty"` (options only). Both keep the Go name.
type account struct {
	Secret string `json:"-" validate:"required"`
	Plan   string `json:",omitempty" validate:"oneof=free pro"`
	Handle string `json:"handle,omitempty" validate:"required"`
}

func TestCollectNamesWithoutAJSONName(t *testing.T) {
	v := mustNew(t)
	resp, err := Collect(v.Struct(account{Plan: "gold"}))
	if err != nil {
		t.Fatalf("Collect(Struct(account{Plan: gold})) error = %v, want nil", err)
	}
	var got []string
	for _, fe := range resp.Errors {
		got = append(got, fe.Field+":"+fe.Code)
	}
	want := []string{"Plan:oneof", "Secret:required", "handle:required"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Collect(Struct(account{Plan: gold})) = %v, want %v", got, want)
	}
}
