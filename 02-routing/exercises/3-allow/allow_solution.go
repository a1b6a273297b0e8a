//go:build solution

package allow

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

// Resolve routes one request through routes.
func Resolve(routes []Route, method, path string) Result {
	var methods []string // methods of every route whose pattern matches path
	getRoute := -1
	for i, rt := range routes {
		if !matches(rt.Pattern, path) {
			continue
		}
		if rt.Method == method {
			return Result{Status: http.StatusOK, Route: i}
		}
		if rt.Method == http.MethodGet && getRoute < 0 {
			getRoute = i
		}
		methods = append(methods, rt.Method)
	}
	if len(methods) == 0 {
		return Result{Status: http.StatusNotFound, Route: -1}
	}
	// A GET route also serves HEAD, as net/http.ServeMux does.
	if method == http.MethodHead && getRoute >= 0 {
		return Result{Status: http.StatusOK, Route: getRoute}
	}
	if slices.Contains(methods, http.MethodGet) {
		methods = append(methods, http.MethodHead)
	}
	// The router answers OPTIONS itself for every path that exists.
	methods = append(methods, http.MethodOptions)
	slices.SortFunc(methods, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
	allow := strings.Join(slices.Compact(methods), ", ")
	if method == http.MethodOptions {
		return Result{Status: http.StatusNoContent, Route: -1, Allow: allow}
	}
	return Result{Status: http.StatusMethodNotAllowed, Route: -1, Allow: allow}
}

// standard is the conventional order of the methods RFC 9110 defines.
var standard = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"}

// rank orders standard methods first, in the conventional order, and
// extension methods after them.
func rank(m string) int {
	if i := slices.Index(standard, m); i >= 0 {
		return i
	}
	return len(standard)
}

// matches reports whether path fits pattern segment by segment.
func matches(pattern, path string) bool {
	ps := strings.Split(pattern, "/")
	xs := strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if xs[i] == "" {
				return false
			}
			continue
		}
		if p != xs[i] {
			return false
		}
	}
	return true
}
