package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
)

// Example_chain shows that the first middleware listed is the outermost:
// it sees the request first and the response last.
func Example_chain() {
	layer := func(name string) middleware {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fmt.Println("in ", name)
				next.ServeHTTP(w, r)
				fmt.Println("out", name)
			})
		}
	}
	h := chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { fmt.Println("handler") }),
		layer("logging"), layer("auth"))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	// Output:
	// in  logging
	// in  auth
	// handler
	// out auth
	// out logging
}
