// Package web is the presentation layer.
package web

import _ "net/http"

// Name names the layer.
const Name = "web"
