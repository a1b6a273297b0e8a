// Package core imports only the standard library.
package core

import "strings"

// Up upper-cases.
func Up(s string) string { return strings.ToUpper(s) }
