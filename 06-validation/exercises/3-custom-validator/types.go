// Package customvalidator adds the API's own rules to go-playground/validator.
package customvalidator

// Reserved usernames collide with routes ("/api", "/me") or impersonate staff.
var Reserved = []string{"admin", "api", "me", "root", "support"}
