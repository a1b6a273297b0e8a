// Package customvalidator adds the API's own rules to go-playground/validator.
package customvalidator

import "errors"

var errNotImplemented = errors.New("not implemented: edit exercises/3-custom-validator/customvalidator.go")

// Reserved usernames collide with routes ("/api", "/me") or impersonate staff.
var Reserved = []string{"admin", "api", "me", "root", "support"}
