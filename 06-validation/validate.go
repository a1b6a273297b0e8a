package main

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-playground/validator/v10"
)

// newValidator builds the one *validator.Validate the server shares.
//
// A Validate caches what it learns about each struct type (its fields, parsed
// tags, registered functions) the first time it sees it, and it is safe for
// concurrent use. Creating one per request throws that cache away; see
// BenchmarkValidate in validate_test.go for the cost.
func newValidator() (*validator.Validate, error) {
	v := validator.New(validator.WithRequiredStructEnabled())

	// Report fields by their JSON names ("display_name"), not Go names
	// ("DisplayName"): the client never saw the Go struct.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})

	if err := errors.Join(
		v.RegisterValidation("username", isUsername),
		v.RegisterValidation("slug", isSlug),
	); err != nil {
		return nil, fmt.Errorf("register validators: %w", err)
	}
	// Rules that relate two fields of one struct run after its field rules.
	v.RegisterStructValidation(signupRules, signupRequest{})
	return v, nil
}

var (
	usernamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{2,19}$`)
	slugPattern     = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

	// reservedUsernames would collide with routes or impersonate staff.
	reservedUsernames = map[string]bool{"admin": true, "root": true, "api": true, "support": true, "me": true}
)

// isUsername is the custom `username` rule: 3–20 of a-z, 0-9 and _, starting
// with a letter, and not reserved. fl.Field().String() works for string and
// for any named string type.
func isUsername(fl validator.FieldLevel) bool {
	s := fl.Field().String()
	return usernamePattern.MatchString(s) && !reservedUsernames[s]
}

// isSlug is the custom `slug` rule: lowercase words joined by single hyphens.
func isSlug(fl validator.FieldLevel) bool {
	return slugPattern.MatchString(fl.Field().String())
}

// fieldErrors turns validator's errors into the API's error shape. Anything
// that is not a ValidationErrors (e.g. validating a nil pointer) is a bug in
// our code, not in the input, and is returned as such.
func fieldErrors(err error) ([]fieldError, error) {
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return nil, err
	}
	out := make([]fieldError, 0, len(ves))
	for _, fe := range ves {
		out = append(out, fieldError{Field: fieldPath(fe), Code: fe.Tag(), Message: message(fe)})
	}
	return out, nil
}

// fieldPath drops the Go struct name from the namespace:
// "articleRequest.tags[1]" becomes "tags[1]".
func fieldPath(fe validator.FieldError) string {
	_, path, ok := strings.Cut(fe.Namespace(), ".")
	if !ok {
		return fe.Field()
	}
	return path
}

// message is the one table from rule to human text. It never echoes the
// value: the client knows what it sent, and logs must not collect passwords.
func message(fe validator.FieldError) string {
	unit := ""
	switch fe.Kind() {
	case reflect.String:
		unit = " characters"
	case reflect.Slice, reflect.Array, reflect.Map:
		unit = " items"
	}
	switch fe.Tag() {
	case "required":
		return "is required"
	case "email":
		return "must be a valid email address"
	case "min":
		return "must have at least " + fe.Param() + unit
	case "max":
		return "must have at most " + fe.Param() + unit
	case "oneof":
		return "must be one of: " + strings.ReplaceAll(fe.Param(), " ", ", ")
	case "eq":
		return "must be " + fe.Param()
	case "unique":
		return "must not contain duplicates"
	case "username":
		return "must be 3-20 characters of a-z, 0-9 or _, start with a letter, and not be reserved"
	case "slug":
		return "must be lowercase letters and digits in words joined by single hyphens"
	case "not_username":
		return "must not contain the username"
	default:
		return "failed the " + fe.Tag() + " rule"
	}
}
