package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
)

// ExampleChain shows that the first middleware listed is the outermost:
// it sees the request first and the response last.
func ExampleChain() {
	layer := func(name string) Middleware {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fmt.Println("in ", name)
				next.ServeHTTP(w, r)
				fmt.Println("out", name)
			})
		}
	}
	h := Chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { fmt.Println("handler") }),
		layer("logging"), layer("auth"))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	// Output:
	// in  logging
	// in  auth
	// handler
	// out auth
	// out logging
}
