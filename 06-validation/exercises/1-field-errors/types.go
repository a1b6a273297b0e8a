// Package fielderrors turns go-playground/validator's errors into an API's
// stable error response.
package fielderrors

import (
	"reflect"
	"strings"
)

// FieldError is one problem with one input field, as the API returns it.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Response is the body of every validation failure:
// {"errors":[{"field":"email","code":"email","message":"..."}]}.
type Response struct {
	Errors []FieldError `json:"errors"`
}

// Message is the text for a failed rule (`tag` with parameter `param`) on a
// value of kind `kind`. Use it for FieldError.Message.
func Message(tag, param string, kind reflect.Kind) string {
	unit := ""
	switch kind {
	case reflect.String:
		unit = " characters"
	case reflect.Slice, reflect.Array, reflect.Map:
		unit = " items"
	}
	switch tag {
	case "required":
		return "is required"
	case "email":
		return "must be a valid email address"
	case "min":
		return "must have at least " + param + unit
	case "max":
		return "must have at most " + param + unit
	case "len":
		return "must have exactly " + param + unit
	case "gte":
		return "must be at least " + param
	case "oneof":
		return "must be one of: " + strings.ReplaceAll(param, " ", ", ")
	default:
		return "failed the " + tag + " rule"
	}
}
