//go:build solution

package methodtable

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

// standard lists the methods HTTP defines (RFC 9110 §9, plus PATCH from
// RFC 5789) in the order an Allow header lists them.
var standard = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace,
}

// Allow returns the value of the Allow header for a resource whose handlers
// are listed in methods.
func Allow(methods []string) string {
	list := []string{http.MethodOptions}
	for _, m := range methods {
		if !isToken(m) {
			continue
		}
		list = append(list, m)
		if m == http.MethodGet {
			list = append(list, http.MethodHead)
		}
	}
	slices.SortFunc(list, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
	return strings.Join(slices.Compact(list), ", ")
}

// rank places standard methods in their conventional order and every
// other method after them.
func rank(method string) int {
	if i := slices.Index(standard, method); i >= 0 {
		return i
	}
	return len(standard)
}

// Decide says how to answer a request with the given method on a resource
// whose handlers are listed in methods.
func Decide(methods []string, method string) Decision {
	switch {
	case !isToken(method):
		return Decision{Status: http.StatusBadRequest}
	case slices.Contains(methods, method):
		return Decision{Run: method, OmitBody: method == http.MethodHead}
	case method == http.MethodHead && slices.Contains(methods, http.MethodGet):
		// HEAD is GET without the body: same status, same headers.
		return Decision{Run: http.MethodGet, OmitBody: true}
	case method == http.MethodOptions:
		return Decision{Status: http.StatusNoContent, Allow: Allow(methods)}
	case slices.Contains(standard, method):
		return Decision{Status: http.StatusMethodNotAllowed, Allow: Allow(methods)}
	default:
		// A method the server does not know at all (methods are case-sensitive).
		return Decision{Status: http.StatusNotImplemented}
	}
}

// isToken reports whether s is a valid method: a non-empty RFC 9110 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		isAlnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !isAlnum && !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}
