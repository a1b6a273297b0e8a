//go:build solution

package fielderrors

import (
	"cmp"
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/go-playground/validator/v10"
)

// New returns a validator whose errors name fields by their JSON names.
func New() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			return f.Name
		}
		return name
	})
	return v
}

// Collect converts validator errors into a sorted Response.
func Collect(err error) (Response, error) {
	if err == nil {
		return Response{}, nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return Response{}, err
	}
	out := make([]FieldError, 0, len(ves))
	for _, fe := range ves {
		field := fe.Field()
		if _, path, ok := strings.Cut(fe.Namespace(), "."); ok {
			field = path
		}
		out = append(out, FieldError{
			Field:   field,
			Code:    fe.Tag(),
			Message: Message(fe.Tag(), fe.Param(), fe.Kind()),
		})
	}
	slices.SortStableFunc(out, func(a, b FieldError) int {
		return cmp.Or(cmp.Compare(a.Field, b.Field), cmp.Compare(a.Code, b.Code))
	})
	return Response{Errors: out}, nil
}
