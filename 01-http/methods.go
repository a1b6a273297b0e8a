package main

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"workbook/serve/problem"
)

// methods maps each request method a resource serves to its handler.
type methods map[string]http.HandlerFunc

// methodOrder is the order methods appear in an Allow header: the RFC 9110
// methods in the order the RFC lists them, PATCH after PUT. Methods not in
// the list sort after these, alphabetically.
var methodOrder = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace,
}

// allow returns the Allow header value for m. HEAD is listed whenever GET
// is, because net/http answers HEAD with the GET handler and drops the body;
// OPTIONS is always listed, because handle answers it.
func (m methods) allow() string {
	list := []string{http.MethodOptions}
	for method := range m {
		list = append(list, method)
	}
	if _, ok := m[http.MethodGet]; ok {
		list = append(list, http.MethodHead)
	}
	rank := func(method string) int {
		if i := slices.Index(methodOrder, method); i >= 0 {
			return i
		}
		return len(methodOrder)
	}
	slices.SortFunc(list, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
	return strings.Join(slices.Compact(list), ", ")
}

// handle registers one resource at path on mux:
//
//   - "METHOD path" for each method in m (a GET pattern also matches HEAD);
//   - "OPTIONS path" answering 204 No Content with the Allow header, unless m serves OPTIONS itself;
//   - the bare path as a fallback for every other method: 405 Method Not
//     Allowed for a method HTTP defines, 501 Not Implemented for one it does
//     not (RFC 9110 §15.5.6 and §15.6.2), both with Allow and a problem
//     details body (RFC 9457) that says what was wrong.
//
// ServeMux would answer a wrong method with 405 and Allow by itself (and
// problem.Routes would turn that into a problem too); the fallback is here to
// tell 405 from 501, which ServeMux does not, and to answer OPTIONS.
func handle(mux *http.ServeMux, path string, m methods) {
	allow := m.allow()
	for method, h := range m {
		mux.HandleFunc(method+" "+path, h)
	}
	if _, ok := m[http.MethodOptions]; !ok {
		mux.HandleFunc(http.MethodOptions+" "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			w.WriteHeader(http.StatusNoContent)
		})
	}
	mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		if slices.Contains(methodOrder, r.Method) {
			problem.MethodNotAllowed(w, r, strings.Split(allow, ", "))
			return
		}
		w.Header().Set("Allow", allow)
		problem.Error(w, r, http.StatusNotImplemented,
			"method "+strconv.Quote(r.Method)+" is not implemented by this server; allowed on "+r.URL.Path+": "+allow)
	})
}
