// Package web is the outer layer.
package web

import "net/http"

// Suffix is what the inner layer should not have reached for.
var Suffix = " (" + http.MethodGet + ")"
