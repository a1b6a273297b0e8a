// Package core is the inner layer; it breaks the rule on purpose by
// importing the web layer (and, through it, net/http).
package core

import (
	"badlayers/format"
	"badlayers/web"
)

// Greeting is the business rule.
func Greeting(name string) string { return format.Title(name) + web.Suffix }
