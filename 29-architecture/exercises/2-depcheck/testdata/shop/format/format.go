// Package format may use net/http; ports importing format is not ports
// importing net/http (the rule is about direct imports).
package format

import "net/http"

// Status names a status code.
func Status(code int) string { return http.StatusText(code) }
