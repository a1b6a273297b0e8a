// Package web may import net/http and core.
package web

import (
	"net/http"

	"clean/core"
)

// Method is a method.
var Method = core.Up(http.MethodGet)
