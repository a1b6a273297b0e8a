//go:build !solution

package greet

import "errors"

// Greet returns a greeting for name.
func Greet(name string) (string, error) {
	return "", errors.New("not implemented: edit exercises/2-greet/greet.go")
}
