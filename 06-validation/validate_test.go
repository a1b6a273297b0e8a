package main

import (
	"testing"
)

func TestValidatorReportsJSONNames(t *testing.T) {
	v, err := newValidator()
	if err != nil {
		t.Fatal(err)
	}
	errs, err := fieldErrors(v.Struct(signupRequest{DisplayName: string(make([]byte, 51))}))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		if e.Field == "DisplayName" || e.Field == "Username" {
			t.Errorf("field %q uses the Go name, want the JSON name", e.Field)
		}
	}
}

func TestFieldErrorsPassesOtherErrorsThrough(t *testing.T) {
	v, err := newValidator()
	if err != nil {
		t.Fatal(err)
	}
	// Validating a nil is a programming error, not bad input.
	if _, err := fieldErrors(v.Struct(nil)); err == nil {
		t.Error("fieldErrors(Struct(nil)) returned no error, want the InvalidValidationError")
	}
}

var benchInput = signupRequest{Username: "alice", Email: "alice@example.com", Password: "correct horse battery", AcceptTerms: true}

// BenchmarkValidate compares reusing one validator with building one per
// request. The difference is the per-type metadata cache that a new
// validator has to rebuild (and the tag parsing that fills it).
func BenchmarkValidate(b *testing.B) {
	b.Run("shared", func(b *testing.B) {
		v, err := newValidator()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := v.Struct(benchInput); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("new-per-request", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v, err := newValidator()
			if err != nil {
				b.Fatal(err)
			}
			if err := v.Struct(benchInput); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Fail fast: an invalid request stops at the cheap rules; the lookups it
	// skips cost a database round trip each (not measured here).
	b.Run("shared-invalid", func(b *testing.B) {
		v, err := newValidator()
		if err != nil {
			b.Fatal(err)
		}
		bad := signupRequest{Username: "x", Email: "nope", Password: "p"}
		b.ReportAllocs()
		for b.Loop() {
			if err := v.Struct(bad); err == nil {
				b.Fatal("want errors")
			}
		}
	})
}
