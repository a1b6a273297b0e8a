//go:build !solution

package greet

import (
	"errors"
	"fmt"
)

// Greet returns a greeting for name.
func Greet(name string) (string, error) {
	if name == "" {
		return "", errors.New("empty name")
	}
	return fmt.Sprintf("Hello, %s!", name), nil
}
