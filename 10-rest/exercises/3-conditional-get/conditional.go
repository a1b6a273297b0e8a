//go:build !solution

package conditional

import "net/http"

// StrongMatch reports whether entity tags a and b match under the strong
// comparison of RFC 9110 section 8.8.3.2.
func StrongMatch(a, b string) bool { return false }

// WeakMatch reports whether entity tags a and b match under the weak
// comparison of RFC 9110 section 8.8.3.2.
func WeakMatch(a, b string) bool { return false }

// Conditional wraps next with ETag generation and If-None-Match handling.
// See README.md.
func Conditional(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not implemented: edit exercises/3-conditional-get/conditional.go", http.StatusNotImplemented)
	})
}
